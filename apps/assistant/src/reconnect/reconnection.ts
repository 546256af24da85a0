import type { CalendarToolError } from '../calendar/calendar-port.js';
import type { CalendarServerClient } from '../calendar/calendar-server-client.js';
import { replies } from '../conversation/replies.js';
import type { Customer } from '../customers/customer-store.js';
import type { PendingRequest } from './pending-request.js';
import { parsePendingRequest } from './pending-request.js';
import type { ReconnectLinkStore } from './reconnect-link-store.js';
import { reconnectReplies } from './reconnect-replies.js';

/** At most one reconnection link per customer in this long. */
const LINK_INTERVAL_MS = 24 * 3600_000;
/** A resumed question older than this is checked again rather than delivered as it was (the slot may be gone). */
const RESUMED_FRESH_MS = 30 * 60_000;

/** The calendar codes a link of the customer's own can fix. */
export type ReconnectableCode = 'needs_reauth' | 'not_connected';

/** True for a calendar failure the customer can fix by (re)connecting their calendar. */
export function isReconnectable(err: CalendarToolError): err is CalendarToolError & { code: ReconnectableCode } {
  return err.code === 'needs_reauth' || err.code === 'not_connected';
}

/** What a customer's next message must do first, because of a reconnection link. */
export type BeforeTurn =
  /** The watcher resumed the request and the customer has not seen it (no push on this channel): say it now. */
  | { readonly kind: 'deliver'; readonly message: string }
  /** The link was used and nobody resumed the request yet: resume it now. */
  | { readonly kind: 'resume'; readonly pending: PendingRequest | null };

/** What {@link Reconnection} works with. */
export interface ReconnectionOptions {
  readonly store: ReconnectLinkStore;
  readonly calendarServer: Pick<CalendarServerClient, 'authorize' | 'status'>;
  /** The watcher's first look at a new link comes this long after it was sent. */
  readonly pollMs: number;
  /** Told when a link could not be made (the customer then hears the explanation without one). */
  readonly onError?: (err: unknown) => void;
}

/**
 * Reconnecting from the chat, as the conversation engines see it: when a tool answers `needs_reauth` or
 * `not_connected`, the customer gets a 7-day single-use authorization link of their own (at most once a
 * day; within the day, the plain explanation), and the request that failed is kept until they use it.
 * Callers hold the customer's dialog lock.
 */
export class Reconnection {
  readonly #o: ReconnectionOptions;

  constructor(options: ReconnectionOptions) {
    this.#o = options;
  }

  /** The store, for the watcher and the engines' resumption. */
  get store(): ReconnectLinkStore {
    return this.#o.store;
  }

  /** The reply to a reconnectable failure of `customer`'s calendar, remembering `pending` to resume it. */
  async offer(customer: Customer, err: CalendarToolError & { code: ReconnectableCode }, pending: PendingRequest | null, now: Date): Promise<string> {
    const last = await this.#o.store.get(customer.customer_id);
    if (last && now.getTime() - Date.parse(last.sent_at) < LINK_INTERVAL_MS) {
      await this.#o.store.updatePending(customer.customer_id, pending, now);
      return replies.calendarProblem(err);
    }
    let link;
    try {
      link = await this.#o.calendarServer.authorize({
        customer_id: customer.customer_id,
        email: customer.email,
        ...(customer.name ? { name: customer.name } : {}),
        delivery: 'link',
      });
    } catch (cause) {
      this.#o.onError?.(cause);
      return replies.calendarProblem(err);
    }
    await this.#o.store.recordLink(customer.customer_id, { sentAt: now, expiresAt: link.expires_at, pending, firstCheckAt: new Date(now.getTime() + this.#o.pollMs) });
    return reconnectReplies.link(err.code, link.authorization_url);
  }

  /**
   * Before answering a customer's message: a resumed request they have not seen yet (delivered now, once;
   * checked again when resumed over 30 minutes ago), or a waiting link whose calendar is connected now
   * (asked to the calendar server).
   */
  async beforeTurn(customerId: string, now: Date): Promise<BeforeTurn | undefined> {
    const row = await this.#o.store.get(customerId);
    if (!row) return undefined;
    if (row.status === 'resumed' && row.resume_message !== null) {
      if (!(await this.#o.store.markDelivered(customerId))) return undefined;
      const fresh = row.resumed_at !== null && now.getTime() - Date.parse(row.resumed_at) < RESUMED_FRESH_MS;
      return fresh ? { kind: 'deliver', message: row.resume_message } : { kind: 'resume', pending: parsePendingRequest(row.pending) };
    }
    if (row.status !== 'waiting' || Date.parse(row.expires_at) <= now.getTime()) return undefined;
    try {
      const { status } = await this.#o.calendarServer.status(customerId);
      return status === 'connected' ? { kind: 'resume', pending: parsePendingRequest(row.pending) } : undefined;
    } catch (err) {
      this.#o.onError?.(err);
      return undefined;
    }
  }
}

import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { LiveChannels } from '../calendar/booking-service.js';
import type { CalendarBackendFactory } from '../calendar/calendar-backend.js';
import { CalendarError } from '../calendar/calendar-error.js';

/** Where push channel events are logged (the server's pino logger fits). */
export interface PushLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

/** Tuning of {@link PushChannels}; the defaults suit Google. */
export interface PushChannelTiming {
  /** The lifetime asked for each channel (Google may grant less); 7 days by default. */
  readonly channelTtlMs?: number;
  /** A channel is renewed this long before it expires; 1 hour by default (at most half its lifetime). */
  readonly renewBeforeMs?: number;
  /** After a failed watch, the next attempt waits this long; 60 s by default. */
  readonly retryAfterFailureMs?: number;
}

/** What {@link PushChannels} needs. */
export interface PushChannelsOptions extends PushChannelTiming {
  readonly backends: CalendarBackendFactory;
  /** The notification route's public address: `${PUBLIC_BASE_URL}/google/notifications`. */
  readonly address: string;
  /** Called with the calendar key whenever Google says that calendar changed. */
  readonly onCalendarChanged: (calendarKey: string) => void;
  readonly log?: PushLog;
}

/** A notification as Google sends it, in its `X-Goog-*` headers. */
export interface PushNotification {
  readonly channelId: string;
  readonly token: string | undefined;
  readonly resourceId: string | undefined;
  /** `sync` right after the watch; `exists` / `not_exists` when the calendar changed. */
  readonly resourceState: string;
  readonly messageNumber: string | undefined;
}

/** How a notification was judged: only `accepted` ones invalidate anything. */
export type NotificationVerdict = 'accepted' | 'unknown_channel' | 'refused';

interface Channel {
  readonly id: string;
  readonly token: string;
  readonly calendarKey: string;
  /** The customer whose access opened the channel and renews or stops it. */
  customerId: string;
  resourceId: string | undefined;
  /** Epoch milliseconds. */
  expiration: number;
  /** When to replace it: `renewBeforeMs` ahead of its expiry, or halfway through a shorter life Google granted. */
  renewAt: number;
  /** Whether Google has delivered to it (its `sync` message at least): proof the address is reachable. */
  heard: boolean;
}

const DAY_MS = 24 * 60 * 60_000;

/**
 * Google push channels (`events.watch`), one per connected Google calendar however many customers
 * reach it, kept in memory: opened when a customer connects (and at start for every connected one),
 * renewed before they expire, stopped when the last customer using the calendar disconnects. A
 * notification with the channel's token invalidates that calendar's busy cache; a calendar counts as
 * live (so cached answers may serve the re-check before an insert) only once Google has delivered to
 * its channel and until the channel expires.
 */
export class PushChannels implements LiveChannels {
  readonly #options: PushChannelsOptions;
  readonly #ttlMs: number;
  readonly #renewBeforeMs: number;
  readonly #retryMs: number;
  readonly #byId = new Map<string, Channel>();
  readonly #current = new Map<string, Channel>();
  readonly #users = new Map<string, Set<string>>();
  readonly #calendarOf = new Map<string, string>();
  readonly #timers = new Map<string, NodeJS.Timeout>();
  readonly #opening = new Map<string, Promise<void>>();
  #closed = false;

  constructor(options: PushChannelsOptions) {
    this.#options = options;
    this.#ttlMs = options.channelTtlMs ?? 7 * DAY_MS;
    this.#renewBeforeMs = Math.min(options.renewBeforeMs ?? 60 * 60_000, this.#ttlMs / 2);
    this.#retryMs = options.retryAfterFailureMs ?? 60_000;
  }

  /** Opens channels for the customers connected at start (failures are logged and retried later). */
  async start(customerIds: readonly string[]): Promise<void> {
    await Promise.all(customerIds.map((id) => this.ensure(id)));
  }

  /**
   * Makes sure the customer's calendar has a channel, following the customer to another account when
   * it reconnected to one. A customer without a usable connection is forgotten.
   */
  async ensure(customerId: string): Promise<void> {
    if (this.#closed) return;
    let calendarKey: string;
    try {
      calendarKey = await this.#options.backends.forCustomer(customerId).calendarKey();
    } catch (err) {
      if (err instanceof CalendarError && (err.code === 'not_connected' || err.code === 'needs_reauth')) {
        await this.#forget(customerId, { stop: false });
        return;
      }
      throw err;
    }
    const previous = this.#calendarOf.get(customerId);
    if (previous !== undefined && previous !== calendarKey) await this.#forget(customerId, { stop: true });
    this.#calendarOf.set(customerId, calendarKey);
    const users = this.#users.get(calendarKey) ?? new Set<string>();
    users.add(customerId);
    this.#users.set(calendarKey, users);
    const current = this.#current.get(calendarKey);
    if (current && Date.now() < current.renewAt) return;
    await this.#open(calendarKey, customerId);
  }

  /**
   * The customer is being disconnected: call before its tokens are deleted. When no other customer
   * reaches its calendar, the channel is stopped at Google with this customer's access.
   */
  async release(customerId: string): Promise<void> {
    await this.#forget(customerId, { stop: true });
  }

  /** After any change to a customer's connection (connected, reconnected, refreshed, marked, removed). */
  customerChanged(customerId: string): void {
    this.ensure(customerId).catch((err: unknown) => this.#options.log?.warn({ customer_id: customerId, err: (err as Error).message }, 'push channel update failed'));
  }

  /** Whether Google is known to tell us about changes to this calendar right now. */
  isLive(calendarKey: string): boolean {
    const channel = this.#current.get(calendarKey);
    return channel !== undefined && channel.heard && channel.resourceId !== undefined && Date.now() < channel.expiration;
  }

  /**
   * Judges a notification: an unknown channel or a wrong token (compared in constant time) or resource
   * changes nothing; an accepted one invalidates the calendar's cache (a `sync` too: changes made
   * before the channel existed were never announced).
   */
  notify(notification: PushNotification): NotificationVerdict {
    const channel = this.#byId.get(notification.channelId);
    if (!channel) return 'unknown_channel';
    if (notification.token === undefined || !sameSecret(notification.token, channel.token)) return 'refused';
    if (channel.resourceId !== undefined && notification.resourceId !== undefined && notification.resourceId !== channel.resourceId) return 'refused';
    channel.heard = true;
    this.#options.onCalendarChanged(channel.calendarKey);
    return 'accepted';
  }

  /** Live channels, for logs and tests (no tokens). */
  channels(): { id: string; calendarKey: string; resourceId: string | undefined; expiration: number; heard: boolean }[] {
    return [...this.#current.values()].map(({ id, calendarKey, resourceId, expiration, heard }) => ({ id, calendarKey, resourceId, expiration, heard }));
  }

  /** Stops every channel (best effort) and every timer. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
    await Promise.allSettled([...this.#opening.values()]);
    const channels = [...this.#current.values()];
    this.#current.clear();
    await Promise.allSettled(channels.map((c) => this.#stop(c)));
  }

  #open(calendarKey: string, customerId: string): Promise<void> {
    const running = this.#opening.get(calendarKey);
    if (running) return running;
    const opening = this.#watch(calendarKey, customerId).finally(() => this.#opening.delete(calendarKey));
    this.#opening.set(calendarKey, opening);
    return opening;
  }

  async #watch(calendarKey: string, customerId: string): Promise<void> {
    const channel: Channel = {
      id: randomUUID(),
      token: randomBytes(32).toString('base64url'),
      calendarKey,
      customerId,
      resourceId: undefined,
      expiration: Date.now() + this.#ttlMs,
      renewAt: Number.POSITIVE_INFINITY,
      heard: false,
    };
    // Known before asking: Google's `sync` message may arrive before the watch's answer.
    this.#byId.set(channel.id, channel);
    try {
      const started = await this.#options.backends
        .forCustomer(customerId)
        .watch({ id: channel.id, token: channel.token, address: this.#options.address, expiration: channel.expiration });
      channel.resourceId = started.resourceId;
      channel.expiration = started.expiration;
      const life = Math.max(0, started.expiration - Date.now());
      channel.renewAt = Date.now() + Math.max(life - this.#renewBeforeMs, life / 2);
    } catch (err) {
      this.#byId.delete(channel.id);
      this.#options.log?.warn({ customer_id: customerId, err: (err as Error).message }, 'could not open a Google push channel; re-checks read Google until one is open');
      this.#schedule(calendarKey, this.#retryMs);
      return;
    }
    if (this.#closed || !this.#users.get(calendarKey)?.size) {
      await this.#stop(channel);
      return;
    }
    const previous = this.#current.get(calendarKey);
    this.#current.set(calendarKey, channel);
    this.#schedule(calendarKey, Math.max(1_000, channel.renewAt - Date.now()));
    this.#options.log?.info({ customer_id: customerId, channel_id: channel.id, expires_at: new Date(channel.expiration).toISOString() }, 'Google push channel open');
    if (previous) await this.#stop(previous);
  }

  /** Renews (or retries opening) the calendar's channel after `delayMs`, through one of its customers. */
  #schedule(calendarKey: string, delayMs: number): void {
    clearTimeout(this.#timers.get(calendarKey));
    if (this.#closed) return;
    const timer = setTimeout(() => {
      this.#timers.delete(calendarKey);
      const users = this.#users.get(calendarKey);
      const owner = this.#current.get(calendarKey)?.customerId;
      const customerId = owner !== undefined && users?.has(owner) ? owner : users?.values().next().value;
      if (customerId === undefined) return;
      void this.#open(calendarKey, customerId);
    }, delayMs);
    timer.unref();
    this.#timers.set(calendarKey, timer);
  }

  async #forget(customerId: string, options: { stop: boolean }): Promise<void> {
    const calendarKey = this.#calendarOf.get(customerId);
    if (calendarKey === undefined) return;
    this.#calendarOf.delete(customerId);
    const users = this.#users.get(calendarKey);
    users?.delete(customerId);
    const channel = this.#current.get(calendarKey);
    if (users && users.size > 0) {
      // Others still reach this calendar: the channel stays, renewed through one of them.
      const next = users.values().next().value;
      if (channel && channel.customerId === customerId && next !== undefined) channel.customerId = next;
      return;
    }
    this.#users.delete(calendarKey);
    clearTimeout(this.#timers.get(calendarKey));
    this.#timers.delete(calendarKey);
    if (!channel) return;
    this.#current.delete(calendarKey);
    if (options.stop) {
      channel.customerId = customerId;
      await this.#stop(channel);
    } else {
      this.#byId.delete(channel.id);
    }
  }

  async #stop(channel: Channel): Promise<void> {
    this.#byId.delete(channel.id);
    if (channel.resourceId === undefined) return;
    try {
      await this.#options.backends.forCustomer(channel.customerId).stopChannel({ id: channel.id, resourceId: channel.resourceId });
    } catch (err) {
      this.#options.log?.warn({ customer_id: channel.customerId, channel_id: channel.id, err: (err as Error).message }, 'could not stop a Google push channel; it lapses at its expiry');
    }
  }
}

/** Constant-time comparison of two secrets of any length (compares their SHA-256 digests). */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

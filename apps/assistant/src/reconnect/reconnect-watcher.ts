import type { CalendarServerClient } from '../calendar/calendar-server-client.js';
import type { ReconnectLinkStore } from './reconnect-link-store.js';
import type { ReconnectResumer } from './reconnect-resumer.js';

/** Links looked at per round (one `POST /oauth/statuses` call). */
const BATCH = 100;
/** The longest wait between two looks at one link. */
const MAX_DELAY_MS = 10 * 60_000;
/** Looks at the base interval before each doubling of the wait. */
const CHECKS_PER_STEP = 40;

/** Where a resumed request goes when the customer is reachable without writing first (WhatsApp). */
export interface ResumePush {
  /** False when the customer cannot be reached this way (no phone). */
  reachable(customerId: string): Promise<boolean>;
  /** Sends `message` (at most once: a failure is logged, not retried). */
  send(customerId: string, message: string): Promise<void>;
}

/** What the watcher works with. */
export interface ReconnectWatcherOptions {
  readonly store: ReconnectLinkStore;
  readonly calendarServer: Pick<CalendarServerClient, 'statuses'>;
  readonly resumer: ReconnectResumer;
  /** Absent (no WhatsApp): a resumed request waits for the customer's next message. */
  readonly push?: ResumePush | undefined;
  /** `RECONNECT_POLL_MS`: the round interval and a link's base wait between looks. */
  readonly pollMs: number;
  readonly clock?: () => Date;
  readonly log?: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void };
}

/**
 * Notices that a customer used their reconnection link: every `pollMs` it asks the calendar server for the
 * status of the links due (backing off per link up to 10 minutes, and never past the link's 7 days); when
 * one is connected, the engine resumes the request and the message is pushed over WhatsApp when it can be.
 * Replicas may all run one: the resumption is claimed under the customer's lock with a conditional update,
 * and the push after another conditional update, so it happens once.
 */
export class ReconnectWatcher {
  readonly #o: ReconnectWatcherOptions;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #stopped = false;

  constructor(options: ReconnectWatcherOptions) {
    this.#o = options;
  }

  start(): void {
    this.#stopped = false;
    this.#schedule();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    await this.#running;
  }

  /** One round now (tests; also what the timer runs). */
  async checkNow(): Promise<void> {
    const now = this.#now();
    const due = await this.#o.store.due(now, BATCH);
    if (due.length === 0) return;
    const statuses = await this.#o.calendarServer.statuses(due.map((d) => d.customer_id));
    for (const [index, link] of due.entries()) {
      if (this.#stopped) return;
      if (statuses[index]?.status === 'connected') {
        await this.#resume(link.customer_id);
      } else {
        const delay = Math.min(this.#o.pollMs * 2 ** Math.floor(link.checks / CHECKS_PER_STEP), MAX_DELAY_MS);
        await this.#o.store.postpone(link.customer_id, new Date(now.getTime() + delay));
      }
    }
  }

  async #resume(customerId: string): Promise<void> {
    const message = await this.#o.resumer.resumeAfterReconnect(customerId);
    if (message === undefined) return;
    this.#o.log?.info({ customerId }, 'Calendar reconnected from the chat link: request resumed');
    if (!this.#o.push) return;
    if (!(await this.#o.push.reachable(customerId))) return;
    // Claimed before sending, so a message the customer's next turn already delivered never goes out again.
    if (!(await this.#o.store.markDelivered(customerId))) return;
    await this.#o.push.send(customerId, message);
  }

  #schedule(): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#running = this.checkNow()
        .catch((err: unknown) => this.#o.log?.warn({ err }, 'Reconnect watcher: round failed (tried again next round)'))
        .finally(() => {
          this.#running = undefined;
          this.#schedule();
        });
    }, this.#o.pollMs);
    this.#timer.unref();
  }

  #now(): Date {
    return (this.#o.clock ?? (() => new Date()))();
  }
}

import type { FastifyBaseLogger } from 'fastify';
import type { ActivityLog } from '../activity/activity-log.js';
import { type CalendarPort, CalendarToolError } from '../calendar/calendar-port.js';
import type { CustomerTimeZones } from '../calendar/customer-time-zones.js';
import type { CustomerStore } from '../customers/customer-store.js';
import { senderNumber } from '../customers/sender-number.js';
import type { GraphApiClient } from '../whatsapp/graph-api-client.js';
import { reminderMessage } from './reminder-message.js';
import type { ReminderRow, ReminderStore } from './reminder-store.js';

/** What the scheduler works with. */
export interface ReminderSchedulerOptions {
  readonly store: ReminderStore;
  readonly calendar: Pick<CalendarPort, 'listBookings'>;
  readonly customers: Pick<CustomerStore, 'get'>;
  readonly timeZones: Pick<CustomerTimeZones, 'of'>;
  /** Sends the template; undefined (WhatsApp not configured): due reminders stay recorded, unsent. */
  readonly graph: Pick<GraphApiClient, 'sendTemplate'> | undefined;
  /** `WHATSAPP_REMINDER_TEMPLATE`. */
  readonly template: string;
  readonly businessName: string;
  /** `REMINDER_POLL_MS`. */
  readonly pollMs: number;
  readonly log: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;
  /** The activity log: each reminder sent is recorded there (`reminded`, by the assistant). */
  readonly activity?: Pick<ActivityLog, 'record'>;
  readonly clock?: () => Date;
  /** A `sending` reminder older than this was left by a stopped process (default 2 minutes). */
  readonly staleAfterMs?: number;
  /** Claims of one reminder before it is given up (default 5). */
  readonly maxAttempts?: number;
  /** Wait before trying again after a calendar or Graph API failure that sent nothing (default 1 minute). */
  readonly retryDelayMs?: number;
}

/** Look 366 days ahead (list_bookings' longest range, less a minute): a booking moved anywhere ahead is found. */
const LOOK_AHEAD_MS = 366 * 24 * 60 * 60_000 - 60_000;
const CLAIM_BATCH = 20;

/**
 * Sends each due reminder once as a WhatsApp template message. Every `REMINDER_POLL_MS` it claims due
 * reminders (a row lock: one replica each), checks each booking against the calendar first (moved: the
 * reminder follows it, or goes out with the new time when that is within the lead; cancelled or gone:
 * dropped), then sends. A reminder left `sending` by a stopped process is marked `unknown`, never re-sent.
 */
export class ReminderScheduler {
  readonly #o: ReminderSchedulerOptions;
  readonly #clock: () => Date;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<number> = Promise.resolve(0);
  #stopped = true;

  constructor(options: ReminderSchedulerOptions) {
    this.#o = options;
    this.#clock = options.clock ?? (() => new Date());
  }

  /** Starts polling (a first look right away: what came due while the service was down goes out now). */
  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    if (!this.#o.graph) this.#o.log.info('Reminders are recorded but not sent: WhatsApp is not configured');
    this.#tick();
  }

  /** Stops polling and waits for the reminders being sent. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running.catch(() => 0);
  }

  /** Sends what is due now (one run at a time per scheduler); resolves to how many reminders it handled. */
  runDue(): Promise<number> {
    const next = this.#running.catch(() => 0).then(() => this.#runDue());
    this.#running = next;
    return next;
  }

  #tick(): void {
    if (this.#stopped) return;
    this.runDue()
      .catch((err: unknown) => this.#o.log.error({ err }, 'Reminders: a run failed (tried again at the next poll)'))
      .finally(() => {
        if (!this.#stopped) this.#timer = setTimeout(() => this.#tick(), this.#o.pollMs);
      });
  }

  async #runDue(): Promise<number> {
    const now = this.#clock();
    for (const lost of await this.#o.store.abandonStale(new Date(now.getTime() - (this.#o.staleAfterMs ?? 120_000)))) {
      this.#o.log.warn(
        { reminderId: lost.id, customerId: lost.customer_id, bookingId: lost.booking_id },
        'Reminder was being sent when its process stopped: marked unknown, not sent again',
      );
    }
    if (!this.#o.graph) return 0;
    let handled = 0;
    for (;;) {
      const claimed = await this.#o.store.claimDue(CLAIM_BATCH);
      for (const reminder of claimed) {
        try {
          await this.#deliver(reminder);
        } catch (err) {
          await this.#o.store.retryAt(reminder.id, this.#retryTime(), `unexpected: ${(err as Error).message}`);
          this.#o.log.error({ err, reminderId: reminder.id }, 'Reminder: unexpected failure, tried again later');
        }
      }
      handled += claimed.length;
      if (claimed.length < CLAIM_BATCH || this.#stopped) return handled;
    }
  }

  async #deliver(r: ReminderRow): Promise<void> {
    const { store, log } = this.#o;
    const graph = this.#o.graph;
    if (!graph) return;
    const now = this.#clock();
    const context = { reminderId: r.id, customerId: r.customer_id, bookingId: r.booking_id };
    const customer = await this.#o.customers.get(r.customer_id);
    if (!customer) return store.markCancelled(r.id, 'customer deleted');
    const lead = await store.leadOf(r.customer_id);
    if (lead === 0) return store.markCancelled(r.id, 'reminders off');
    const to = senderNumber(customer.phone ?? '') ?? senderNumber(customer.customer_id);
    if (!to) return store.markFailed(r.id, 'the customer has no WhatsApp number');

    // The booking as the calendar has it now: the owner may have moved or cancelled it in Google.
    let start: string;
    try {
      const bookings = await this.#o.calendar.listBookings(r.customer_id, now.toISOString(), new Date(now.getTime() + LOOK_AHEAD_MS).toISOString());
      const booking = bookings.find((b) => b.booking_id === r.booking_id && b.status === 'confirmed');
      if (!booking || Date.parse(booking.start) <= now.getTime()) {
        log.info(context, 'Reminder dropped: the booking is no longer in the calendar ahead');
        return store.markCancelled(r.id, 'booking cancelled or gone in the calendar');
      }
      start = booking.start;
      if (Date.parse(start) !== Date.parse(r.booking_start)) {
        const dueAt = new Date(Date.parse(start) - lead * 60_000);
        if (dueAt > now) {
          log.info({ ...context, from: r.booking_start, to: start }, 'Reminder follows its booking, moved in the calendar');
          return store.follow(r.id, start, dueAt);
        }
        // Moved to a time already within the lead: remind now, with the new time.
      }
    } catch (err) {
      if (!(err instanceof CalendarToolError)) throw err;
      return this.#retryOrFail(r, `calendar: ${err.code}`);
    }

    const timeZone = await this.#o.timeZones.of(customer).catch(() => undefined);
    if (!timeZone) return this.#retryOrFail(r, 'calendar: time zone unavailable');
    const message = reminderMessage(start, timeZone, now, this.#o.businessName);
    const result = await graph.sendTemplate(to, { name: this.#o.template, language: 'es', bodyParameters: message.parameters });
    if (result.ok) {
      log.info(context, 'Reminder sent');
      await store.markSent(r.id, message.text, result.messageId);
      await this.#o.activity
        ?.record(r.customer_id, { kind: 'reminded', actor: 'assistant', bookingId: r.booking_id, bookingStart: start })
        .catch((err: unknown) => log.warn({ ...context, err }, 'Reminder sent, but not written to the activity log'));
      return;
    }
    if (result.delivery === 'unknown') return store.markUnknown(r.id, `whatsapp: ${result.error.message}`);
    return this.#retryOrFail(r, `whatsapp ${result.status ?? ''}: ${result.error.message}`.trim());
  }

  /** Nothing was sent: try again later, unless out of attempts or the booking would start first. */
  async #retryOrFail(r: ReminderRow, error: string): Promise<void> {
    const retry = this.#retryTime();
    if (r.attempts >= (this.#o.maxAttempts ?? 5) || retry.getTime() >= Date.parse(r.booking_start)) {
      this.#o.log.error({ reminderId: r.id, customerId: r.customer_id, error }, 'Reminder not sent: given up');
      return this.#o.store.markFailed(r.id, error);
    }
    this.#o.log.warn({ reminderId: r.id, customerId: r.customer_id, error }, 'Reminder not sent yet: tried again later');
    return this.#o.store.retryAt(r.id, retry, error);
  }

  #retryTime(): Date {
    return new Date(this.#clock().getTime() + (this.#o.retryDelayMs ?? 60_000));
  }
}

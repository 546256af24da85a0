import { dialectOf } from '@agendo/database';
import type { Kysely, Selectable, Updateable } from 'kysely';
import type { AssistantDatabase } from '../db/assistant-database.js';
import type { RemindersTable } from '../db/schema.js';
import type { BookingReminders, RecentReminder } from './booking-reminders.js';

/** A reminder row as read back (ids as numbers on both dialects). */
export type ReminderRow = Selectable<RemindersTable>;

/** Options of {@link ReminderStore}. */
export interface ReminderStoreOptions {
  /** `REMINDER_LEAD_MINUTES`: used for customers without a lead of their own. */
  readonly leadMinutes: number;
  readonly clock?: () => Date;
}

/** How long after it was sent a reminder still gives a bare «cancelar» its meaning. */
const RECENT_MS = 48 * 60 * 60_000;

const MINUTE_MS = 60_000;

/**
 * The `reminders` table: one reminder per booking the assistant made, due `lead` minutes before it; the
 * conversation's hooks ({@link BookingReminders}) and the scheduler's claims and outcomes.
 */
export class ReminderStore implements BookingReminders {
  readonly #db: AssistantDatabase;
  readonly #leadMinutes: number;
  readonly #clock: () => Date;

  constructor(db: AssistantDatabase, options: ReminderStoreOptions) {
    this.#db = db;
    this.#leadMinutes = options.leadMinutes;
    this.#clock = options.clock ?? (() => new Date());
  }

  /** A customer's lead in minutes: their own when set, else `REMINDER_LEAD_MINUTES`; 0 means no reminders. */
  async leadOf(customerId: string): Promise<number> {
    const row = await this.#db.selectFrom('customers').select('reminder_lead_minutes').where('customer_id', '=', customerId).executeTakeFirst();
    return row?.reminder_lead_minutes ?? this.#leadMinutes;
  }

  async booked(customerId: string, booking: { booking_id: string; start: string }): Promise<void> {
    const now = this.#clock();
    const lead = await this.leadOf(customerId);
    const dueAt = new Date(Date.parse(booking.start) - lead * MINUTE_MS);
    // Booked within the lead (or reminders off): recorded, so a later move can still arm it, but never sent as is.
    const status = lead > 0 && dueAt > now ? 'pending' : 'cancelled';
    await this.#db
      .insertInto('reminders')
      .values({
        customer_id: customerId,
        booking_id: booking.booking_id,
        booking_start: booking.start,
        due_at: dueAt.toISOString(),
        status,
        claimed_at: null,
        sent_at: null,
        graph_message_id: null,
        text: null,
        last_error: status === 'cancelled' ? (lead > 0 ? 'booked within the lead time' : 'reminders off') : null,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      })
      // A retried booking (same idempotency key, same event) keeps its one reminder.
      .onConflict((oc) => oc.columns(['customer_id', 'booking_id']).doNothing())
      .execute();
  }

  async moved(customerId: string, bookingId: string, newStart: string): Promise<void> {
    const now = this.#clock();
    const lead = await this.leadOf(customerId);
    const dueAt = new Date(Date.parse(newStart) - lead * MINUTE_MS);
    const armed = lead > 0 && dueAt > now;
    await this.#db
      .updateTable('reminders')
      .set({
        booking_start: newStart,
        due_at: dueAt.toISOString(),
        status: armed ? 'pending' : 'cancelled',
        attempts: 0,
        last_error: armed ? null : 'moved within the lead time',
        updated_at: now.toISOString(),
      })
      .where('customer_id', '=', customerId)
      .where('booking_id', '=', bookingId)
      // One being sent right now is left to its sender, which checks the calendar first.
      .where('status', '!=', 'sending')
      .execute();
  }

  async cancelled(customerId: string, bookingId: string): Promise<void> {
    await this.#db
      .updateTable('reminders')
      .set({ status: 'cancelled', last_error: 'booking cancelled', updated_at: this.#clock().toISOString() })
      .where('customer_id', '=', customerId)
      .where('booking_id', '=', bookingId)
      .where('status', '=', 'pending')
      .execute();
  }

  async recentlySent(customerId: string, now: Date): Promise<RecentReminder | undefined> {
    const rows = await this.#db
      .selectFrom('reminders')
      .select(['booking_id', 'booking_start'])
      .where('customer_id', '=', customerId)
      .where('status', '=', 'sent')
      .where('sent_at', '>=', new Date(now.getTime() - RECENT_MS).toISOString())
      .orderBy('sent_at', 'desc')
      .limit(5)
      .execute();
    const row = rows.find((r) => Date.parse(r.booking_start) > now.getTime());
    return row ? { bookingId: row.booking_id, bookingStart: row.booking_start } : undefined;
  }

  /**
   * Claims up to `limit` due reminders for this replica: `pending` → `sending`, attempts counted. PostgreSQL:
   * `FOR UPDATE SKIP LOCKED` in the claim's transaction, so replicas take different rows; SQLite: one
   * `UPDATE … RETURNING` (one writer at a time). The outer `status = 'pending'` makes a row another claim
   * took meanwhile drop out either way.
   */
  async claimDue(limit: number): Promise<ReminderRow[]> {
    const now = this.#clock().toISOString();
    const postgres = dialectOf(this.#db as unknown as Kysely<unknown>) === 'postgres';
    const rows = await this.#db.transaction().execute(async (trx) => {
      const due = trx
        .selectFrom('reminders')
        .select('id')
        .where('status', '=', 'pending')
        .where('due_at', '<=', now)
        .orderBy('due_at')
        .limit(limit)
        .$if(postgres, (q) => q.forUpdate().skipLocked());
      return trx
        .updateTable('reminders')
        .set((eb) => ({ status: 'sending', attempts: eb('attempts', '+', 1), claimed_at: now, updated_at: now }))
        .where('id', 'in', due)
        .where('status', '=', 'pending')
        .returningAll()
        .execute();
    });
    return rows.map((r) => ({ ...r, id: Number(r.id), attempts: Number(r.attempts) }));
  }

  /**
   * `sending` reminders claimed before `claimedBefore` (their replica stopped mid-send) become `unknown`:
   * they may have gone out, so they are never sent again (at most once). Returns them, to be logged.
   */
  async abandonStale(claimedBefore: Date): Promise<ReminderRow[]> {
    const rows = await this.#db
      .updateTable('reminders')
      .set({ status: 'unknown', last_error: 'was being sent when its process stopped; not sent again', updated_at: this.#clock().toISOString() })
      .where('status', '=', 'sending')
      .where('claimed_at', '<', claimedBefore.toISOString())
      .returningAll()
      .execute();
    return rows.map((r) => ({ ...r, id: Number(r.id) }));
  }

  /** Sent: the text the customer got and the Graph API's message id. */
  async markSent(id: number, text: string, graphMessageId: string | undefined): Promise<void> {
    const now = this.#clock().toISOString();
    await this.#finish(id, { status: 'sent', sent_at: now, text, graph_message_id: graphMessageId ?? null, last_error: null });
  }

  /** Outcome unknown (the request may have reached Meta): never re-sent. */
  async markUnknown(id: number, error: string): Promise<void> {
    await this.#finish(id, { status: 'unknown', last_error: error });
  }

  /** Not to be sent: the booking is gone, past, or reminders are off. */
  async markCancelled(id: number, reason: string): Promise<void> {
    await this.#finish(id, { status: 'cancelled', last_error: reason });
  }

  /** Given up: it could not be sent. */
  async markFailed(id: number, error: string): Promise<void> {
    await this.#finish(id, { status: 'failed', last_error: error });
  }

  /** Back to `pending`, to be tried again at `dueAt` (a calendar or Graph API failure that sent nothing). */
  async retryAt(id: number, dueAt: Date, error: string): Promise<void> {
    await this.#finish(id, { status: 'pending', due_at: dueAt.toISOString(), last_error: error });
  }

  /** The booking moved in the calendar: the reminder follows it, due again at `dueAt`. */
  async follow(id: number, bookingStart: string, dueAt: Date): Promise<void> {
    await this.#finish(id, { status: 'pending', booking_start: bookingStart, due_at: dueAt.toISOString(), attempts: 0, last_error: null });
  }

  /** Every reminder of a customer, latest booking first (tests; the admin's customer page later). */
  async ofCustomer(customerId: string): Promise<ReminderRow[]> {
    const rows = await this.#db.selectFrom('reminders').selectAll().where('customer_id', '=', customerId).orderBy('booking_start', 'desc').execute();
    return rows.map((r) => ({ ...r, id: Number(r.id), attempts: Number(r.attempts) }));
  }

  async #finish(id: number, changes: Omit<Updateable<RemindersTable>, 'id'>): Promise<void> {
    await this.#db
      .updateTable('reminders')
      .set({ ...changes, updated_at: this.#clock().toISOString() })
      .where('id', '=', id)
      .where('status', '=', 'sending')
      .execute();
  }
}

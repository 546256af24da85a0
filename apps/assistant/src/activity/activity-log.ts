import type { ActivityActor, ActivityKind, ActivityPage, HistoryPageQuery } from '@agendo/contracts';
import type { AssistantDatabase } from '../db/assistant-database.js';

/** One thing that happened to a customer, to be recorded. */
export interface ActivityEvent {
  readonly kind: ActivityKind;
  readonly actor: ActivityActor;
  readonly bookingId?: string | undefined;
  readonly bookingStart?: string | undefined;
  /** When it happened (default: now). */
  readonly at?: Date | undefined;
}

/**
 * The `activity_log` audit table: connected, disconnected, booked, moved, cancelled, reminded — by whom
 * and when — written where each happens, read by the admin's customer page.
 */
export class ActivityLog {
  readonly #db: AssistantDatabase;
  readonly #clock: () => Date;

  constructor(db: AssistantDatabase, options: { clock?: () => Date } = {}) {
    this.#db = db;
    this.#clock = options.clock ?? (() => new Date());
  }

  /**
   * Appends one entry. A booking is `booked` once: a retried creation (same idempotency key, same event)
   * is not logged again.
   */
  async record(customerId: string, event: ActivityEvent): Promise<void> {
    if (event.kind === 'booked' && event.bookingId !== undefined) {
      const already = await this.#db
        .selectFrom('activity_log')
        .select('id')
        .where('customer_id', '=', customerId)
        .where('kind', '=', 'booked')
        .where('booking_id', '=', event.bookingId)
        .executeTakeFirst();
      if (already) return;
    }
    await this.#db
      .insertInto('activity_log')
      .values({
        customer_id: customerId,
        kind: event.kind,
        actor: event.actor,
        booking_id: event.bookingId ?? null,
        booking_start: event.bookingStart ?? null,
        at: (event.at ?? this.#clock()).toISOString(),
      })
      .execute();
  }

  /** The customer's latest `connected` or `disconnected` entry, if any (to record a new connection once). */
  async lastConnectionChange(customerId: string): Promise<{ kind: ActivityKind; at: string } | undefined> {
    return this.#db
      .selectFrom('activity_log')
      .select(['kind', 'at'])
      .where('customer_id', '=', customerId)
      .where('kind', 'in', ['connected', 'disconnected'])
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  /** One page of the customer's log, newest first. */
  async page(customerId: string, query: HistoryPageQuery): Promise<ActivityPage> {
    const { page, page_size } = query;
    const counted = await this.#db
      .selectFrom('activity_log')
      .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
      .where('customer_id', '=', customerId)
      .executeTakeFirst();
    const rows = await this.#db
      .selectFrom('activity_log')
      .select(['id', 'kind', 'actor', 'booking_id', 'booking_start', 'at'])
      .where('customer_id', '=', customerId)
      // By when it happened: a connection is recorded when first seen, after what followed it.
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(page_size)
      .offset((page - 1) * page_size)
      .execute();
    return { items: rows.map((r) => ({ ...r, id: Number(r.id) })), total: Number(counted?.n ?? 0), page, page_size };
  }
}

import type { Selectable } from 'kysely';
import type { AssistantDatabase } from '../db/assistant-database.js';
import type { ReconnectLinksTable } from '../db/schema.js';
import type { PendingRequest } from './pending-request.js';

/** One customer's row of `reconnect_links`. */
export type ReconnectLink = Selectable<ReconnectLinksTable>;

/**
 * `reconnect_links`: the reconnection link last sent to each customer and the request to pick back up.
 * State changes are conditional updates, so with several replicas only one of them resumes a request.
 */
export class ReconnectLinkStore {
  readonly #db: AssistantDatabase;

  constructor(db: AssistantDatabase) {
    this.#db = db;
  }

  get(customerId: string): Promise<ReconnectLink | undefined> {
    return this.#db.selectFrom('reconnect_links').selectAll().where('customer_id', '=', customerId).executeTakeFirst();
  }

  /** A new link went out: the row starts over, `waiting`, first checked at `firstCheckAt`. */
  async recordLink(customerId: string, link: { sentAt: Date; expiresAt: string; pending: PendingRequest | null; firstCheckAt: Date }): Promise<void> {
    const row = {
      sent_at: link.sentAt.toISOString(),
      expires_at: new Date(link.expiresAt).toISOString(),
      pending: link.pending ? JSON.stringify(link.pending) : null,
      status: 'waiting' as const,
      next_check_at: link.firstCheckAt.toISOString(),
      checks: 0,
      resume_message: null,
      resumed_at: null,
    };
    await this.#db
      .insertInto('reconnect_links')
      .values({ customer_id: customerId, ...row })
      .onConflict((oc) => oc.column('customer_id').doUpdateSet(row))
      .execute();
  }

  /**
   * The calendar failed again within the day of the link: the newest request replaces the pending one, and a
   * link still alive goes back to `waiting` (the customer may have used it and lost the grant again).
   */
  async updatePending(customerId: string, pending: PendingRequest | null, now: Date): Promise<void> {
    await this.#db
      .updateTable('reconnect_links')
      .set({ pending: pending ? JSON.stringify(pending) : null, status: 'waiting', next_check_at: now.toISOString(), resume_message: null, resumed_at: null })
      .where('customer_id', '=', customerId)
      .where('expires_at', '>', now.toISOString())
      .execute();
  }

  /** Links waiting for their customer whose next check is due, oldest first. */
  due(now: Date, limit: number): Promise<ReconnectLink[]> {
    const at = now.toISOString();
    return this.#db
      .selectFrom('reconnect_links')
      .selectAll()
      .where('status', '=', 'waiting')
      .where('next_check_at', '<=', at)
      .where('expires_at', '>', at)
      .orderBy('next_check_at')
      .limit(limit)
      .execute();
  }

  /** Not connected yet: look again at `next`. */
  async postpone(customerId: string, next: Date): Promise<void> {
    await this.#db
      .updateTable('reconnect_links')
      .set((eb) => ({ next_check_at: next.toISOString(), checks: eb('checks', '+', 1) }))
      .where('customer_id', '=', customerId)
      .where('status', '=', 'waiting')
      .execute();
  }

  /** `waiting` → `resumed` with the message to deliver; false when someone else resumed it first. */
  async markResumed(customerId: string, message: string, now: Date): Promise<boolean> {
    const result = await this.#db
      .updateTable('reconnect_links')
      .set({ status: 'resumed', resume_message: message, resumed_at: now.toISOString() })
      .where('customer_id', '=', customerId)
      .where('status', '=', 'waiting')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** `resumed` → `delivered`; false when it was already delivered (so the message goes out once). */
  async markDelivered(customerId: string): Promise<boolean> {
    const result = await this.#db
      .updateTable('reconnect_links')
      .set({ status: 'delivered' })
      .where('customer_id', '=', customerId)
      .where('status', '=', 'resumed')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}

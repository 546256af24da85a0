import type { Kysely } from 'kysely';
import type { AssistantDatabaseSchema } from '../db/schema.js';

/** An unknown number is told it is not a customer at most once in this window. */
export const UNKNOWN_SENDER_NOTICE_WINDOW_MS = 24 * 3600_000;

/**
 * Remembers, in the database, when each unknown number was last told it is not a customer, so that a
 * stranger (or someone flooding the number) gets at most one canned reply per 24 h, across restarts.
 */
export class UnknownSenderNotices {
  readonly #db: Kysely<AssistantDatabaseSchema>;

  constructor(db: Kysely<AssistantDatabaseSchema>) {
    this.#db = db;
  }

  /**
   * Atomically takes the right to notify `sender` now: true (and recorded) when it was never notified or
   * last notified 24 h ago or more, false otherwise.
   */
  async claim(sender: string, now: Date): Promise<boolean> {
    const at = now.toISOString();
    const cutoff = new Date(now.getTime() - UNKNOWN_SENDER_NOTICE_WINDOW_MS).toISOString();
    await this.#db
      .deleteFrom('unknown_sender_notices')
      .where('notified_at', '<', new Date(now.getTime() - 7 * UNKNOWN_SENDER_NOTICE_WINDOW_MS).toISOString())
      .execute();
    const result = await this.#db
      .insertInto('unknown_sender_notices')
      .values({ sender, notified_at: at })
      .onConflict((oc) => oc.column('sender').doUpdateSet({ notified_at: at }).where('unknown_sender_notices.notified_at', '<=', cutoff))
      .executeTakeFirst();
    return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
  }
}

import type { AssistantDatabase } from './db/assistant-database.js';

const KEEP_MS = 7 * 24 * 3600_000;

/** WhatsApp message ids already handled, persisted so a replayed webhook does nothing even after a restart. */
export class ProcessedMessageStore {
  readonly #db: AssistantDatabase;
  #lastPrune = 0;

  constructor(db: AssistantDatabase) {
    this.#db = db;
  }

  /** True the first time `messageId` is seen (atomically: concurrent replays get false). */
  async markIfNew(messageId: string): Promise<boolean> {
    const now = Date.now();
    if (now - this.#lastPrune > 3600_000) {
      this.#lastPrune = now;
      await this.#db.deleteFrom('processed_messages').where('received_at', '<', new Date(now - KEEP_MS).toISOString()).execute();
    }
    const result = await this.#db
      .insertInto('processed_messages')
      .values({ message_id: messageId, received_at: new Date(now).toISOString() })
      .onConflict((oc) => oc.column('message_id').doNothing())
      .executeTakeFirst();
    return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
  }
}

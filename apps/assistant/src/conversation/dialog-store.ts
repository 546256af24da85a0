import type { AssistantDatabase } from '../db/assistant-database.js';
import { type DialogState, dialogStateSchema, IDLE } from './dialog-state.js';

/** A pending question older than this is forgotten: the customer has moved on. */
const STALE_AFTER_MS = 6 * 3600_000;

/** Conversation states, one per customer, in the assistant database. */
export class DialogStore {
  readonly #db: AssistantDatabase;

  constructor(db: AssistantDatabase) {
    this.#db = db;
  }

  async load(customerId: string, now: Date): Promise<DialogState> {
    const row = await this.#db.selectFrom('dialogs').select(['state', 'updated_at']).where('customer_id', '=', customerId).executeTakeFirst();
    if (!row) return IDLE;
    const parsed = dialogStateSchema.safeParse(JSON.parse(row.state));
    if (!parsed.success) return IDLE;
    if (parsed.data.kind !== 'idle' && now.getTime() - Date.parse(row.updated_at) > STALE_AFTER_MS) return IDLE;
    return parsed.data;
  }

  async save(customerId: string, state: DialogState, now: Date): Promise<void> {
    const row = { state: JSON.stringify(state), updated_at: now.toISOString() };
    await this.#db
      .insertInto('dialogs')
      .values({ customer_id: customerId, ...row })
      .onConflict((oc) => oc.column('customer_id').doUpdateSet(row))
      .execute();
  }
}

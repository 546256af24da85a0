import type { AssistantDatabase } from '../db/assistant-database.js';
import { type PendingAction, pendingActionSchema } from './pending-action.js';

/** A proposal older than this is forgotten: a late "sí" must not book a slot the customer no longer has in mind. */
const STALE_AFTER_MS = 6 * 3600_000;

/** The pending proposal of each customer (`llm_pending_actions`), so a restart between question and yes loses nothing. */
export class PendingActionStore {
  readonly #db: AssistantDatabase;

  constructor(db: AssistantDatabase) {
    this.#db = db;
  }

  /** The proposal stated in the customer's last reply, if any and still fresh. */
  async load(customerId: string, now: Date): Promise<PendingAction | undefined> {
    const row = await this.#db.selectFrom('llm_pending_actions').select(['action', 'proposed_at']).where('customer_id', '=', customerId).executeTakeFirst();
    if (!row || now.getTime() - Date.parse(row.proposed_at) > STALE_AFTER_MS) return undefined;
    let json: unknown;
    try {
      json = JSON.parse(row.action);
    } catch {
      return undefined;
    }
    const parsed = pendingActionSchema.safeParse(json);
    return parsed.success ? parsed.data : undefined;
  }

  /** Records `action` as the one awaiting confirmation, or clears it (`undefined`). */
  async save(customerId: string, action: PendingAction | undefined, now: Date): Promise<void> {
    if (!action) {
      await this.#db.deleteFrom('llm_pending_actions').where('customer_id', '=', customerId).execute();
      return;
    }
    const row = { action: JSON.stringify(action), proposed_at: now.toISOString() };
    await this.#db
      .insertInto('llm_pending_actions')
      .values({ customer_id: customerId, ...row })
      .onConflict((oc) => oc.column('customer_id').doUpdateSet(row))
      .execute();
  }
}

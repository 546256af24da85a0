import { type ModelMessage, modelMessageSchema } from 'ai';
import type { AssistantDatabase } from '../db/assistant-database.js';

/** How many messages of a customer's conversation the model sees (and the database keeps). */
export const HISTORY_LIMIT = 30;

/**
 * LLM mode's conversation memory (`llm_messages`): each customer's messages with the model, in order,
 * as AI SDK `ModelMessage`s. Only the last {@link HISTORY_LIMIT} or so are kept, always starting at a
 * customer message, so a tool result never outlives its call.
 */
export class LlmHistoryStore {
  readonly #db: AssistantDatabase;
  readonly #limit: number;

  constructor(db: AssistantDatabase, limit: number = HISTORY_LIMIT) {
    this.#db = db;
    this.#limit = limit;
  }

  /** The kept conversation, oldest first. Unreadable rows cut the history there. */
  async load(customerId: string): Promise<ModelMessage[]> {
    const rows = await this.#db.selectFrom('llm_messages').select(['role', 'content']).where('customer_id', '=', customerId).orderBy('seq', 'asc').execute();
    let messages: ModelMessage[] = [];
    for (const row of rows) {
      const parsed = modelMessageSchema.safeParse(safeJson(row.content));
      if (parsed.success && parsed.data.role === row.role) messages.push(parsed.data);
      else messages = [];
    }
    return fromFirstUserMessage(messages.slice(-this.#limit));
  }

  /** Appends one exchange (the customer's message and what followed) and forgets what falls out of the window. */
  async append(customerId: string, messages: readonly ModelMessage[], at: Date): Promise<void> {
    if (messages.length === 0) return;
    await this.#db.transaction().execute(async (trx) => {
      const last = await trx
        .selectFrom('llm_messages')
        .select((eb) => eb.fn.max<number | null>('seq').as('seq'))
        .where('customer_id', '=', customerId)
        .executeTakeFirst();
      const first = (last?.seq ?? 0) + 1;
      await trx
        .insertInto('llm_messages')
        .values(messages.map((m, i) => ({ customer_id: customerId, seq: first + i, role: m.role, content: JSON.stringify(m), created_at: at.toISOString() })))
        .execute();
      const window = await trx.selectFrom('llm_messages').select(['seq', 'role']).where('customer_id', '=', customerId).orderBy('seq', 'desc').limit(this.#limit).execute();
      const users = window.filter((r) => r.role === 'user');
      const keepFrom = users.at(-1)?.seq;
      if (keepFrom !== undefined) await trx.deleteFrom('llm_messages').where('customer_id', '=', customerId).where('seq', '<', keepFrom).execute();
    });
  }
}

/** Drops leading messages until the first customer message. */
function fromFirstUserMessage(messages: ModelMessage[]): ModelMessage[] {
  const start = messages.findIndex((m) => m.role === 'user');
  return start === -1 ? [] : messages.slice(start);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

import type { ConversationMessage, ConversationPage, HistoryPageQuery } from '@agendo/contracts';
import type { AssistantDatabase } from '../db/assistant-database.js';

/** How many of a customer's latest messages the admin can page through. */
export const CONVERSATION_WINDOW = 100;

/** Where a conversation message was written. */
export type ConversationChannel = ConversationMessage['channel'];

/**
 * The `conversation_messages` table: every customer message and every reply, whatever the channel, so the
 * admin's customer page can show what was said (the WhatsApp inbox keeps only its own channel's, by message id).
 */
export class ConversationLog {
  readonly #db: AssistantDatabase;

  constructor(db: AssistantDatabase) {
    this.#db = db;
  }

  /** Records one turn: the customer's message, then each reply, in order, all at `at`. */
  async recordTurn(customerId: string, channel: ConversationChannel, text: string, replies: readonly string[], at: Date): Promise<void> {
    const when = at.toISOString();
    const rows = [
      { customer_id: customerId, direction: 'in' as const, channel, text, at: when },
      ...replies.map((reply) => ({ customer_id: customerId, direction: 'out' as const, channel, text: reply, at: when })),
    ];
    await this.#db.insertInto('conversation_messages').values(rows).execute();
  }

  /** One page of the customer's last {@link CONVERSATION_WINDOW} messages, newest first. */
  async page(customerId: string, query: HistoryPageQuery): Promise<ConversationPage> {
    const { page, page_size } = query;
    const counted = await this.#db
      .selectFrom('conversation_messages')
      .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
      .where('customer_id', '=', customerId)
      .executeTakeFirst();
    const total = Math.min(Number(counted?.n ?? 0), CONVERSATION_WINDOW);
    const offset = (page - 1) * page_size;
    const limit = Math.min(page_size, total - offset);
    const rows =
      limit > 0
        ? await this.#db
            .selectFrom('conversation_messages')
            .select(['id', 'direction', 'channel', 'text', 'at'])
            .where('customer_id', '=', customerId)
            .orderBy('id', 'desc')
            .limit(limit)
            .offset(offset)
            .execute()
        : [];
    return { items: rows.map((r) => ({ ...r, id: Number(r.id) })), total, page, page_size };
  }
}

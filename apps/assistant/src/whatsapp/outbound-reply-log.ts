import type { Kysely } from 'kysely';
import type { AssistantDatabaseSchema, OutboundRepliesTable } from '../db/schema.js';

/** One recorded reply to an inbound message. */
export interface RecordedReply {
  messageId: string;
  ordinal: number;
  recipient: string;
  text: string;
  status: OutboundRepliesTable['status'];
}

/**
 * The replies to each inbound message (`outbound_replies`), so that each is sent at most once: recorded
 * (`pending`) before anything is sent, marked `sending` just before it is handed to the Graph API and `sent`
 * after. A reply still `sending` when a worker picks the message up again may have reached the customer, so it
 * becomes `unknown` and is skipped; a `pending` one was provably never handed over and is sent.
 */
export class OutboundReplyLog {
  readonly #db: Kysely<AssistantDatabaseSchema>;

  constructor(db: Kysely<AssistantDatabaseSchema>) {
    this.#db = db;
  }

  /** The replies recorded for `messageId`, in order. */
  async list(messageId: string): Promise<RecordedReply[]> {
    const rows = await this.#db
      .selectFrom('outbound_replies')
      .select(['message_id', 'ordinal', 'recipient', 'text', 'status'])
      .where('message_id', '=', messageId)
      .orderBy('ordinal')
      .execute();
    return rows.map((row) => ({ messageId: row.message_id, ordinal: row.ordinal, recipient: row.recipient, text: row.text, status: row.status }));
  }

  /** Records `texts` as `pending` replies to `messageId`, after any recorded before; returns the new ones. */
  async record(messageId: string, recipient: string, texts: readonly string[], now: Date): Promise<RecordedReply[]> {
    if (texts.length === 0) return [];
    const last = await this.#db
      .selectFrom('outbound_replies')
      .select((eb) => eb.fn.max('ordinal').as('last'))
      .where('message_id', '=', messageId)
      .executeTakeFirst();
    const first = (typeof last?.last === 'number' ? last.last : 0) + 1;
    const replies = texts.map((text, index) => ({ messageId, ordinal: first + index, recipient, text, status: 'pending' as const }));
    await this.#db
      .insertInto('outbound_replies')
      .values(replies.map((reply) => ({ message_id: messageId, ordinal: reply.ordinal, recipient, text: reply.text, status: reply.status, created_at: now.toISOString() })))
      .execute();
    return replies;
  }

  /** `pending` → `sending`, committed before the request leaves. False when the reply was not pending. */
  async markSending(reply: RecordedReply): Promise<boolean> {
    return this.#transition(reply, 'pending', { status: 'sending' });
  }

  /** `sending` → `sent`, with the Graph API's message id. */
  async markSent(reply: RecordedReply, graphMessageId: string | undefined, now: Date): Promise<void> {
    await this.#transition(reply, 'sending', { status: 'sent', sent_at: now.toISOString(), graph_message_id: graphMessageId ?? null });
  }

  /** `sending` → `pending`: the Graph API answered with an error, so the reply was not sent and may be tried again. */
  async markNotSent(reply: RecordedReply): Promise<void> {
    await this.#transition(reply, 'sending', { status: 'pending' });
  }

  /** `sending` → `failed`: the Graph API refused it for good. */
  async markFailed(reply: RecordedReply): Promise<void> {
    await this.#transition(reply, 'sending', { status: 'failed' });
  }

  /** `sending` → `unknown`: it may have been delivered; it is never sent again. */
  async markUnknown(reply: RecordedReply): Promise<void> {
    await this.#transition(reply, 'sending', { status: 'unknown' });
  }

  async #transition(
    reply: RecordedReply,
    from: OutboundRepliesTable['status'],
    changes: Partial<Pick<OutboundRepliesTable, 'status' | 'sent_at' | 'graph_message_id'>>,
  ): Promise<boolean> {
    const result = await this.#db
      .updateTable('outbound_replies')
      .set(changes)
      .where('message_id', '=', reply.messageId)
      .where('ordinal', '=', reply.ordinal)
      .where('status', '=', from)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }
}

import type { Kysely } from 'kysely';
import type { AssistantDatabaseSchema } from '../db/schema.js';

/** How long handled messages are kept: Meta redelivers a notification for up to 7 days. */
const KEEP_MS = 7 * 24 * 3600_000;
const PRUNE_EVERY_MS = 3600_000;

/** An inbound message as the webhook hands it to the inbox. */
export interface InboxEntry {
  /** `wamid.…`. */
  messageId: string;
  /** The sender's WhatsApp id. */
  sender: string;
  /** Meta's message type. */
  type: string;
  /** The text to answer (already capped); `null` for a message without one (image, audio…). */
  body: string | null;
  /** `false` for events that need no answer (reactions…): stored as done, only to deduplicate them. */
  needsAnswer: boolean;
}

/** A message claimed by a worker. */
export interface InboxMessage {
  seq: number;
  messageId: string;
  sender: string;
  type: string;
  body: string | null;
  /** Attempts started, this one included. */
  attempts: number;
}

/** What {@link InboundInbox.store} did with a webhook's messages. */
export interface StoreResult {
  /** Ids stored now, waiting for the worker. */
  stored: string[];
  /** Ids already in the inbox (Meta's redeliveries): acknowledged, not stored again. */
  duplicates: string[];
}

/**
 * The durable WhatsApp inbox (`inbound_messages`). The webhook stores every message here before it answers
 * 200; {@link InboxWorker} claims them one sender at a time, in arrival order, and marks each done only after
 * its replies went out. The message id is unique, so a redelivered message is acknowledged and not stored twice.
 *
 * The claim is one `UPDATE … WHERE seq = (SELECT … LIMIT 1) AND status = 'pending' RETURNING`, atomic in
 * SQLite. It takes the oldest due message whose sender has no earlier unfinished one, so a sender's messages
 * are never worked on concurrently nor out of order. On PostgreSQL (issue 10) the inner SELECT gains
 * `FOR UPDATE SKIP LOCKED` and the same statement serves several replicas; `recoverAbandoned` then becomes a
 * lease on `claimed_at` rather than a reset at start.
 */
export class InboundInbox {
  readonly #db: Kysely<AssistantDatabaseSchema>;
  #lastPrune = 0;

  constructor(db: Kysely<AssistantDatabaseSchema>) {
    this.#db = db;
  }

  /** Stores `entries` in one transaction (all or none); ids already present are left as they are. */
  async store(entries: readonly InboxEntry[], now: Date): Promise<StoreResult> {
    await this.#pruneOccasionally(now);
    const at = now.toISOString();
    const result: StoreResult = { stored: [], duplicates: [] };
    if (entries.length === 0) return result;
    await this.#db.transaction().execute(async (trx) => {
      for (const entry of entries) {
        const inserted = await trx
          .insertInto('inbound_messages')
          .values({
            message_id: entry.messageId,
            sender: entry.sender,
            type: entry.type,
            body: entry.body,
            received_at: at,
            status: entry.needsAnswer ? 'pending' : 'done',
            next_attempt_at: at,
            finished_at: entry.needsAnswer ? null : at,
          })
          .onConflict((oc) => oc.column('message_id').doNothing())
          .executeTakeFirst();
        const isNew = (inserted.numInsertedOrUpdatedRows ?? 0n) > 0n;
        if (isNew && entry.needsAnswer) result.stored.push(entry.messageId);
        else if (!isNew) result.duplicates.push(entry.messageId);
      }
    });
    return result;
  }

  /**
   * Puts the messages a stopped process was working on (`processing`) back in line, due at once. Called
   * at start: with SQLite one process owns the database, so every `processing` row is abandoned.
   */
  async recoverAbandoned(now: Date): Promise<number> {
    const result = await this.#db
      .updateTable('inbound_messages')
      .set({ status: 'pending', next_attempt_at: now.toISOString() })
      .where('status', '=', 'processing')
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** Claims the oldest due message whose sender has no earlier unfinished one; `undefined` when none. */
  async claimNext(now: Date): Promise<InboxMessage | undefined> {
    const at = now.toISOString();
    const row = await this.#db
      .updateTable('inbound_messages')
      .set((eb) => ({ status: 'processing', attempts: eb('attempts', '+', 1), claimed_at: at }))
      .where('seq', '=', (eb) =>
        eb
          .selectFrom('inbound_messages as m')
          .select('m.seq')
          .where('m.status', '=', 'pending')
          .where('m.next_attempt_at', '<=', at)
          .where(({ not, exists, selectFrom }) =>
            not(
              exists(
                selectFrom('inbound_messages as earlier')
                  .select('earlier.seq')
                  .whereRef('earlier.sender', '=', 'm.sender')
                  .whereRef('earlier.seq', '<', 'm.seq')
                  .where('earlier.status', 'in', ['pending', 'processing']),
              ),
            ),
          )
          .orderBy('m.seq')
          .limit(1),
      )
      .where('status', '=', 'pending')
      .returning(['seq', 'message_id', 'sender', 'type', 'body', 'attempts'])
      .executeTakeFirst();
    if (row === undefined) return undefined;
    return { seq: row.seq, messageId: row.message_id, sender: row.sender, type: row.type, body: row.body, attempts: row.attempts };
  }

  /** Marks a claimed message handled: its replies went out (or were given up as unknown). */
  async markDone(messageId: string, now: Date): Promise<void> {
    await this.#finish(messageId, 'done', null, now);
  }

  /** Marks a claimed message failed for good, with the reason. */
  async markFailed(messageId: string, error: string, now: Date): Promise<void> {
    await this.#finish(messageId, 'failed', error, now);
  }

  /** Puts a claimed message back in line, not before `dueAt`; its sender's later messages wait for it. */
  async scheduleRetry(messageId: string, error: string, dueAt: Date): Promise<void> {
    await this.#db
      .updateTable('inbound_messages')
      .set({ status: 'pending', next_attempt_at: dueAt.toISOString(), last_error: error })
      .where('message_id', '=', messageId)
      .where('status', '=', 'processing')
      .execute();
  }

  /** When the earliest message waiting for its backoff falls due after `now` (`undefined` when none waits). */
  async nextDueAfter(now: Date): Promise<Date | undefined> {
    const row = await this.#db
      .selectFrom('inbound_messages')
      .select((eb) => eb.fn.min('next_attempt_at').as('due'))
      .where('status', '=', 'pending')
      .where('next_attempt_at', '>', now.toISOString())
      .executeTakeFirst();
    return typeof row?.due === 'string' ? new Date(row.due) : undefined;
  }

  /** Messages not yet finished (`pending` or `processing`). */
  async countUnfinished(): Promise<number> {
    const row = await this.#db
      .selectFrom('inbound_messages')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('status', 'in', ['pending', 'processing'])
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  async #finish(messageId: string, status: 'done' | 'failed', error: string | null, now: Date): Promise<void> {
    await this.#db
      .updateTable('inbound_messages')
      .set({ status, finished_at: now.toISOString(), ...(error === null ? {} : { last_error: error }) })
      .where('message_id', '=', messageId)
      .where('status', '=', 'processing')
      .execute();
  }

  /** Forgets finished messages (and, by cascade, their replies) after {@link KEEP_MS}, at most hourly. */
  async #pruneOccasionally(now: Date): Promise<void> {
    if (now.getTime() - this.#lastPrune < PRUNE_EVERY_MS) return;
    this.#lastPrune = now.getTime();
    await this.#db
      .deleteFrom('inbound_messages')
      .where('status', 'in', ['done', 'failed'])
      .where('received_at', '<', new Date(now.getTime() - KEEP_MS).toISOString())
      .execute();
  }
}

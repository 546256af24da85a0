import { dialectOf } from '@agendo/database';
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { AssistantDatabaseSchema } from '../db/schema.js';

/** How long handled messages are kept: Meta redelivers a notification for up to 7 days. */
const KEEP_MS = 7 * 24 * 3600_000;
const PRUNE_EVERY_MS = 3600_000;
/** How long a claim holds a message unless renewed (default of {@link InboundInboxOptions.leaseMs}). */
export const DEFAULT_INBOX_LEASE_MS = 30_000;

/** Options of {@link InboundInbox}. */
export interface InboundInboxOptions {
  /**
   * How long a claimed message stays its claimer's without a renewal: the time after which a stopped
   * replica's message is claimed again by another (default {@link DEFAULT_INBOX_LEASE_MS}).
   */
  leaseMs?: number;
}

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
  /**
   * Attempts started, this one included. Also the claim's fencing token: every later change of the row
   * requires it, so a replica whose lease ran out can no longer finish a message another one took over.
   */
  attempts: number;
}

/** The claim of a message: which message, and which attempt (the fencing token). */
export type InboxClaim = Pick<InboxMessage, 'messageId' | 'attempts'>;

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
 * The claim is one `UPDATE … WHERE seq = (SELECT … LIMIT 1) RETURNING`, atomic in SQLite. It takes the
 * oldest due message whose sender has no earlier unfinished one, so a sender's messages are never worked on
 * concurrently nor out of order. On PostgreSQL the inner SELECT is `FOR UPDATE SKIP LOCKED`, so replicas
 * claiming at once each get a different message, and one that sees a sender's earlier message locked (being
 * claimed) or `processing` leaves that sender alone. Each claim holds a lease (`lease_expires_at`) that the
 * claimer renews while it works; a message whose lease ran out (its replica stopped) is claimed again.
 */
export class InboundInbox {
  readonly #db: Kysely<AssistantDatabaseSchema>;
  readonly #postgres: boolean;
  /** How long a claim holds a message without a renewal. */
  readonly leaseMs: number;
  #lastPrune = 0;

  constructor(db: Kysely<AssistantDatabaseSchema>, options: InboundInboxOptions = {}) {
    this.#db = db;
    this.#postgres = dialectOf(db as Kysely<unknown>) === 'postgres';
    this.leaseMs = Math.max(1, options.leaseMs ?? DEFAULT_INBOX_LEASE_MS);
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
   * at start. With SQLite one process owns the database, so every `processing` row is abandoned; with
   * PostgreSQL other replicas may be working on theirs, so nothing is reset: a stopped replica's messages
   * are claimed again when their lease runs out.
   */
  async recoverAbandoned(now: Date): Promise<number> {
    if (this.#postgres) return 0;
    const result = await this.#db
      .updateTable('inbound_messages')
      .set({ status: 'pending', next_attempt_at: now.toISOString() })
      .where('status', '=', 'processing')
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /**
   * Claims the oldest due message (pending and due, or `processing` with its lease run out) whose sender
   * has no earlier unfinished one and none in another live claim; `undefined` when none. The claim holds the message for {@link leaseMs}.
   */
  async claimNext(now: Date): Promise<InboxMessage | undefined> {
    const at = now.toISOString();
    const claimable = (eb: ExpressionBuilder<AssistantDatabaseSchema, 'inbound_messages'>) =>
      eb.or([
        eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', at)]),
        eb.and([eb('status', '=', 'processing'), eb.or([eb('lease_expires_at', 'is', null), eb('lease_expires_at', '<=', at)])]),
      ]);
    const row = await this.#db
      .updateTable('inbound_messages')
      .set((eb) => ({ status: 'processing', attempts: eb('attempts', '+', 1), claimed_at: at, lease_expires_at: this.#leaseFrom(now) }))
      .where('seq', '=', (eb) => {
        const oldest = eb
          .selectFrom('inbound_messages as m')
          .select('m.seq')
          .where((m) =>
            m.or([
              m.and([m('m.status', '=', 'pending'), m('m.next_attempt_at', '<=', at)]),
              m.and([m('m.status', '=', 'processing'), m.or([m('m.lease_expires_at', 'is', null), m('m.lease_expires_at', '<=', at)])]),
            ]),
          )
          // Not while the sender has an earlier message unfinished, nor any other in a live claim: with PostgreSQL a
          // later `seq` can commit first (two webhooks of one sender at once), and is then worked on first, alone.
          .where(({ not, exists, selectFrom }) =>
            not(
              exists(
                selectFrom('inbound_messages as other')
                  .select('other.seq')
                  .whereRef('other.sender', '=', 'm.sender')
                  .whereRef('other.seq', '<>', 'm.seq')
                  .where((o) =>
                    o.or([
                      o.and([o('other.seq', '<', o.ref('m.seq')), o('other.status', 'in', ['pending', 'processing'])]),
                      o.and([o('other.status', '=', 'processing'), o('other.lease_expires_at', '>', at)]),
                    ]),
                  ),
              ),
            ),
          )
          .orderBy('m.seq')
          .limit(1);
        return this.#postgres ? oldest.forUpdate().skipLocked() : oldest;
      })
      .where(claimable)
      .returning(['seq', 'message_id', 'sender', 'type', 'body', 'attempts'])
      .executeTakeFirst();
    if (row === undefined) return undefined;
    // PostgreSQL's bigserial comes back as a string.
    return { seq: Number(row.seq), messageId: row.message_id, sender: row.sender, type: row.type, body: row.body, attempts: Number(row.attempts) };
  }

  /**
   * Extends the lease of a message being worked on. False when the claim is no longer this one's (its
   * lease ran out and another replica took the message over, or it was finished).
   */
  async renewLease(claim: InboxClaim, now: Date): Promise<boolean> {
    const result = await this.#db
      .updateTable('inbound_messages')
      .set({ lease_expires_at: this.#leaseFrom(now) })
      .where('message_id', '=', claim.messageId)
      .where('attempts', '=', claim.attempts)
      .where('status', '=', 'processing')
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** Marks a claimed message handled: its replies went out (or were given up as unknown). */
  async markDone(claim: InboxClaim, now: Date): Promise<void> {
    await this.#finish(claim, 'done', null, now);
  }

  /** Marks a claimed message failed for good, with the reason. */
  async markFailed(claim: InboxClaim, error: string, now: Date): Promise<void> {
    await this.#finish(claim, 'failed', error, now);
  }

  /** Puts a claimed message back in line, not before `dueAt`; its sender's later messages wait for it. */
  async scheduleRetry(claim: InboxClaim, error: string, dueAt: Date): Promise<void> {
    await this.#db
      .updateTable('inbound_messages')
      .set({ status: 'pending', next_attempt_at: dueAt.toISOString(), last_error: error, lease_expires_at: null })
      .where('message_id', '=', claim.messageId)
      .where('attempts', '=', claim.attempts)
      .where('status', '=', 'processing')
      .execute();
  }

  /**
   * When the earliest message waiting for its backoff falls due after `since` (`undefined` when none waits).
   * Pass the time of the last {@link claimNext}, so a retry falling due in between is not missed. (A lease
   * running out is found by the worker's poll: it matters only with several replicas.)
   */
  async nextDueAfter(since: Date): Promise<Date | undefined> {
    const row = await this.#db
      .selectFrom('inbound_messages')
      .select((eb) => eb.fn.min('next_attempt_at').as('due'))
      .where('status', '=', 'pending')
      .where('next_attempt_at', '>', since.toISOString())
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

  async #finish(claim: InboxClaim, status: 'done' | 'failed', error: string | null, now: Date): Promise<void> {
    await this.#db
      .updateTable('inbound_messages')
      .set({ status, finished_at: now.toISOString(), lease_expires_at: null, ...(error === null ? {} : { last_error: error }) })
      .where('message_id', '=', claim.messageId)
      .where('attempts', '=', claim.attempts)
      .where('status', '=', 'processing')
      .execute();
  }

  #leaseFrom(now: Date): string {
    return new Date(now.getTime() + this.leaseMs).toISOString();
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

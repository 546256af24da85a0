import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.js';
import type { BusyAnswers, BusyLookup, BusyTicket } from './busy-answers.js';
import type { TimeRange } from './calendar-backend.js';

/** Now, in epoch milliseconds on PostgreSQL's clock: every replica measures ages on this one clock. */
const NOW_MS = sql<string>`(extract(epoch from now()) * 1000)::bigint`;

/** How often a replica at most sweeps the expired answers of every calendar (when it stores one). */
const SWEEP_EVERY_MS = 1_000;

/** How often an invalidation that could not be recorded is tried again. */
const RETRY_EVERY_MS = 500;

/**
 * The busy answers shared by every replica in PostgreSQL (`busy_answers`, `busy_generations`): whichever
 * replica read Google, any other serves the answer, so "check through one replica, book through the
 * other" still costs one read. An invalidation bumps the calendar's generation row and deletes its
 * answers in one transaction; an answer is stored only while the generation row still holds the
 * generation read before Google was asked and is not distrusted — checked under a share lock on that
 * row, so an invalidation committed in between is seen, and one that comes later waits and then
 * deletes the answer. Ages are measured on PostgreSQL's clock.
 *
 * When the database cannot be asked, a lookup finds nothing (Google is read) and nothing is stored. An
 * invalidation that could not be recorded rejects and is retried until it is, or until every answer it
 * was meant to drop has expired anyway.
 */
export class SharedBusyAnswers implements BusyAnswers {
  readonly #db: Kysely<Database>;
  readonly #maxAgeMs: number;
  readonly #retries = new Map<string, { distrustForMs: number; giveUpAt: number; timer: NodeJS.Timeout }>();
  /** Calendars known to have their generation row (never deleted). */
  readonly #withRow = new Set<string>();
  #lastSweep = 0;
  #closed = false;

  constructor(db: Kysely<Database>, maxAgeMs = 60_000) {
    this.#db = db;
    this.#maxAgeMs = maxAgeMs;
  }

  get maxAgeMs(): number {
    return this.#maxAgeMs;
  }

  async lookup(calendarKey: string, range: TimeRange, maxAgeMs: number): Promise<BusyLookup> {
    const limit = Math.min(maxAgeMs, this.#maxAgeMs);
    try {
      const { rows } = await sql<{ now: string; generation: string | null; distrusted_until: string | null; busy: string | null }>`
        select ${NOW_MS} as now, g.generation, g.distrusted_until,
          (select a.busy from busy_answers a
            where a.calendar_key = ${calendarKey} and a.generation = coalesce(g.generation, 0)
              and a.range_start <= ${range.start.getTime()}::bigint and a.range_end >= ${range.end.getTime()}::bigint
              and a.fetched_at >= ${NOW_MS} - ${limit}::bigint
            order by a.fetched_at desc limit 1) as busy
        from (select 1) as one left join busy_generations g on g.calendar_key = ${calendarKey}`.execute(this.#db);
      const row = rows[0];
      if (!row) return { busy: undefined, ticket: undefined };
      if (row.busy !== null) return { busy: overlapping(parseBusy(row.busy), range) };
      const now = Number(row.now);
      const distrusted = row.distrusted_until !== null && Number(row.distrusted_until) > now;
      return { busy: undefined, ticket: distrusted ? undefined : { generation: Number(row.generation ?? 0), fetchedAt: now } };
    } catch {
      return { busy: undefined, ticket: undefined };
    }
  }

  async put(calendarKey: string, range: TimeRange, busy: readonly TimeRange[], ticket: BusyTicket): Promise<void> {
    try {
      // Generation 0: the calendar was never invalidated; its row is made so that there is one to lock.
      if (ticket.generation === 0 && !this.#withRow.has(calendarKey)) {
        await sql`insert into busy_generations (calendar_key, generation, distrusted_until) values (${calendarKey}, 0, 0) on conflict (calendar_key) do nothing`.execute(this.#db);
        this.#withRow.add(calendarKey);
      }
      await sql`
        with current_generation as (
          select calendar_key from busy_generations
          where calendar_key = ${calendarKey} and generation = ${ticket.generation}::bigint and distrusted_until <= ${NOW_MS}
          for share
        )
        insert into busy_answers (calendar_key, range_start, range_end, busy, fetched_at, generation)
        select ${calendarKey}::text, ${range.start.getTime()}::bigint, ${range.end.getTime()}::bigint, ${serializeBusy(busy)}::text, ${ticket.fetchedAt}::bigint, ${ticket.generation}::bigint
        from current_generation`.execute(this.#db);
      await this.#sweep();
    } catch {
      // Not stored: the next lookup reads Google.
    }
  }

  async invalidate(calendarKey: string, options: { distrustForMs?: number } = {}): Promise<void> {
    const distrustForMs = options.distrustForMs ?? 0;
    try {
      await this.#record(calendarKey, distrustForMs);
    } catch (err) {
      this.#retryLater(calendarKey, distrustForMs);
      throw err;
    }
  }

  close(): void {
    this.#closed = true;
    for (const { timer } of this.#retries.values()) clearTimeout(timer);
    this.#retries.clear();
  }

  /** Bumps the generation (and the distrust) first, then deletes: a store racing it either sees the bump or is deleted. */
  async #record(calendarKey: string, distrustForMs: number): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      const until = distrustForMs > 0 ? sql`${NOW_MS} + ${distrustForMs}::bigint` : sql`0`;
      await sql`
        insert into busy_generations (calendar_key, generation, distrusted_until) values (${calendarKey}, 1, ${until})
        on conflict (calendar_key) do update set generation = busy_generations.generation + 1,
          distrusted_until = greatest(busy_generations.distrusted_until, excluded.distrusted_until)`.execute(trx);
      await sql`delete from busy_answers where calendar_key = ${calendarKey}`.execute(trx);
    });
  }

  /**
   * Tries a failed invalidation again until it is recorded. After `maxAgeMs` every answer stored before
   * it has expired, and what it would distrust is judged by the retry's own distrust period.
   */
  #retryLater(calendarKey: string, distrustForMs: number, giveUpAt = Date.now() + this.#maxAgeMs): void {
    if (this.#closed) return;
    const pending = this.#retries.get(calendarKey);
    if (pending) clearTimeout(pending.timer);
    const until = Math.max(pending?.giveUpAt ?? 0, giveUpAt);
    const distrust = Math.max(pending?.distrustForMs ?? 0, distrustForMs);
    const timer = setTimeout(() => {
      this.#retries.delete(calendarKey);
      this.#record(calendarKey, distrust).catch(() => {
        if (Date.now() < until) this.#retryLater(calendarKey, distrust, until);
      });
    }, RETRY_EVERY_MS);
    timer.unref();
    this.#retries.set(calendarKey, { distrustForMs: distrust, giveUpAt: until, timer });
  }

  /** Deletes every calendar's expired answers, at most once per {@link SWEEP_EVERY_MS} in this replica. */
  async #sweep(): Promise<void> {
    if (Date.now() - this.#lastSweep < SWEEP_EVERY_MS) return;
    this.#lastSweep = Date.now();
    await sql`delete from busy_answers where fetched_at < ${NOW_MS} - ${this.#maxAgeMs}::bigint`.execute(this.#db);
  }
}

function serializeBusy(busy: readonly TimeRange[]): string {
  return JSON.stringify(busy.map((b) => [b.start.getTime(), b.end.getTime()]));
}

function parseBusy(text: string): TimeRange[] {
  return (JSON.parse(text) as [number, number][]).map(([start, end]) => ({ start: new Date(start), end: new Date(end) }));
}

function overlapping(busy: TimeRange[], range: TimeRange): TimeRange[] {
  return busy.filter((b) => b.start < range.end && b.end > range.start);
}

import type { BusyAnswers, BusyLookup, BusyTicket } from './busy-answers.js';
import { BusyCache } from './busy-cache.js';
import type { TimeRange } from './calendar-backend.js';

/**
 * The busy answers of a single process (SQLite): a {@link BusyCache} in memory. Nothing leaves the
 * process, so nothing can fail; an invalidation takes effect before its promise is even awaited.
 */
export class InMemoryBusyAnswers implements BusyAnswers {
  readonly #cache: BusyCache;
  readonly #now: () => number;

  constructor(maxAgeMs = 60_000, now: () => number = Date.now) {
    this.#cache = new BusyCache(maxAgeMs, now);
    this.#now = now;
  }

  get maxAgeMs(): number {
    return this.#cache.maxAgeMs;
  }

  async lookup(calendarKey: string, range: TimeRange, maxAgeMs: number): Promise<BusyLookup> {
    const busy = this.#cache.get(calendarKey, range, maxAgeMs);
    if (busy) return { busy };
    return { busy: undefined, ticket: { generation: this.#cache.generation(calendarKey), fetchedAt: this.#now() } };
  }

  async put(calendarKey: string, range: TimeRange, busy: readonly TimeRange[], ticket: BusyTicket): Promise<void> {
    this.#cache.put(calendarKey, { start: range.start, end: range.end }, busy, ticket.fetchedAt, ticket.generation);
  }

  async invalidate(calendarKey: string, options: { distrustForMs?: number } = {}): Promise<void> {
    this.#cache.invalidate(calendarKey, options);
  }

  close(): void {}
}

import type { TimeRange } from './calendar-backend.js';

interface Entry {
  readonly range: TimeRange;
  readonly busy: readonly TimeRange[];
  readonly fetchedAt: number;
}

/**
 * Recent busy-time answers per customer, so that "check, then book" costs one read: an answer at most
 * `maxAgeMs` old that covers the asked range serves it, until one of our own writes invalidates it.
 */
export class BusyCache {
  readonly #entries = new Map<string, Entry[]>();
  /** Bumped by every invalidation, so an answer fetched before one of our writes is never stored after it. */
  readonly #generations = new Map<string, number>();
  readonly #maxAgeMs: number;
  readonly #now: () => number;

  constructor(maxAgeMs = 60_000, now: () => number = Date.now) {
    this.#maxAgeMs = maxAgeMs;
    this.#now = now;
  }

  /** Busy intervals overlapping `range` from a fresh answer covering it, or undefined. */
  get(customerId: string, range: TimeRange): TimeRange[] | undefined {
    const now = this.#now();
    const fresh = (this.#entries.get(customerId) ?? []).filter((e) => now - e.fetchedAt <= this.#maxAgeMs);
    if (fresh.length === 0) this.#entries.delete(customerId);
    else this.#entries.set(customerId, fresh);
    const hit = fresh.find((e) => e.range.start <= range.start && e.range.end >= range.end);
    return hit?.busy.filter((b) => b.start < range.end && b.end > range.start);
  }

  /** Take this before fetching; pass it to {@link put}. */
  generation(customerId: string): number {
    return this.#generations.get(customerId) ?? 0;
  }

  /** Stores an answer fetched at `fetchedAt`, unless a write invalidated the customer since `generation`. */
  put(customerId: string, range: TimeRange, busy: readonly TimeRange[], fetchedAt: number, generation: number): void {
    if (generation !== this.generation(customerId)) return;
    const entries = this.#entries.get(customerId) ?? [];
    entries.push({ range, busy, fetchedAt });
    this.#entries.set(customerId, entries.slice(-16));
  }

  /** Forgets everything known about a customer's calendar (after we write to it). */
  invalidate(customerId: string): void {
    this.#entries.delete(customerId);
    this.#generations.set(customerId, this.generation(customerId) + 1);
  }
}

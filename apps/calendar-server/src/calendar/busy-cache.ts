import type { TimeRange } from './calendar-backend.js';

interface Entry {
  readonly range: TimeRange;
  readonly busy: readonly TimeRange[];
  readonly fetchedAt: number;
}

/**
 * Recent busy-time answers per calendar (keyed by the Google account and calendar id, so every
 * customer reaching one calendar shares them), so that "check, then book" costs one read: an answer at
 * most `maxAgeMs` old (or younger, as the caller asks) that covers the asked range serves it, until a
 * write or a push notification invalidates it.
 */
export class BusyCache {
  readonly #entries = new Map<string, Entry[]>();
  /** Bumped by every invalidation, so an answer fetched before a write is never stored after it. */
  readonly #generations = new Map<string, number>();
  /** Calendars whose answers are not cached until then: a write of unknown outcome may still land. */
  readonly #distrustedUntil = new Map<string, number>();
  /** Bumped by {@link invalidateAll}: added to every calendar's generation. */
  #allGeneration = 0;
  /** Until then nothing is cached for any calendar (after messages from other replicas may have been lost). */
  #allDistrustedUntil = 0;
  readonly #maxAgeMs: number;
  readonly #now: () => number;

  constructor(maxAgeMs = 60_000, now: () => number = Date.now) {
    this.#maxAgeMs = maxAgeMs;
    this.#now = now;
  }

  /** The longest an answer is ever served. */
  get maxAgeMs(): number {
    return this.#maxAgeMs;
  }

  /** Busy intervals overlapping `range` from an answer covering it and at most `maxAgeMs` old, or undefined. */
  get(calendarKey: string, range: TimeRange, maxAgeMs: number = this.#maxAgeMs): TimeRange[] | undefined {
    const now = this.#now();
    const fresh = (this.#entries.get(calendarKey) ?? []).filter((e) => now - e.fetchedAt <= this.#maxAgeMs);
    if (fresh.length === 0) this.#entries.delete(calendarKey);
    else this.#entries.set(calendarKey, fresh);
    const limit = Math.min(maxAgeMs, this.#maxAgeMs);
    const hit = fresh.find((e) => now - e.fetchedAt <= limit && e.range.start <= range.start && e.range.end >= range.end);
    return hit?.busy.filter((b) => b.start < range.end && b.end > range.start);
  }

  /** Take this before fetching; pass it to {@link put}. */
  generation(calendarKey: string): number {
    return (this.#generations.get(calendarKey) ?? 0) + this.#allGeneration;
  }

  /** Stores an answer fetched at `fetchedAt`, unless the calendar was invalidated since `generation` or is distrusted. */
  put(calendarKey: string, range: TimeRange, busy: readonly TimeRange[], fetchedAt: number, generation: number): void {
    if (generation !== this.generation(calendarKey)) return;
    if (this.#now() < this.#allDistrustedUntil) return;
    const distrusted = this.#distrustedUntil.get(calendarKey);
    if (distrusted !== undefined) {
      if (this.#now() < distrusted) return;
      this.#distrustedUntil.delete(calendarKey);
    }
    const entries = this.#entries.get(calendarKey) ?? [];
    entries.push({ range, busy, fetchedAt });
    this.#entries.set(calendarKey, entries.slice(-16));
  }

  /**
   * Forgets everything known about a calendar (after a write, or when Google says it changed). With
   * `distrustForMs`, no answer is cached for that long either: a write whose outcome is unknown may
   * land at Google after a read that would otherwise be cached as "free".
   */
  invalidate(calendarKey: string, options: { distrustForMs?: number } = {}): void {
    this.#entries.delete(calendarKey);
    this.#generations.set(calendarKey, (this.#generations.get(calendarKey) ?? 0) + 1);
    if (options.distrustForMs) {
      const until = this.#now() + options.distrustForMs;
      this.#distrustedUntil.set(calendarKey, Math.max(until, this.#distrustedUntil.get(calendarKey) ?? 0));
    }
  }

  /**
   * Forgets every calendar, and (with `distrustForMs`) caches nothing for that long: another replica's
   * invalidations may have been missed (the change feed reconnected), some of them for writes whose
   * outcome was unknown.
   */
  invalidateAll(options: { distrustForMs?: number } = {}): void {
    this.#entries.clear();
    this.#allGeneration += 1;
    if (options.distrustForMs) this.#allDistrustedUntil = Math.max(this.#allDistrustedUntil, this.#now() + options.distrustForMs);
  }
}

import type { TimeRange } from './calendar-backend.js';

/**
 * Taken when an answer is not found, before Google is asked: which invalidation the calendar was at
 * and when the read began. An answer is stored only if no invalidation came in between.
 */
export interface BusyTicket {
  readonly generation: number;
  /** When the read began, on the clock the store compares ages with (epoch milliseconds). */
  readonly fetchedAt: number;
}

/** What {@link BusyAnswers.lookup} found: an answer to serve, or the ticket to store the one about to be read. */
export type BusyLookup = { readonly busy: TimeRange[] } | { readonly busy: undefined; readonly ticket: BusyTicket | undefined };

/**
 * Recent busy-time answers per calendar (keyed by the Google account and calendar id), so that "check,
 * then book" costs one read — kept in the process on SQLite, shared in the database by every replica on
 * PostgreSQL. Both obey the same rules: an answer at most `maxAgeMs` old (or younger, as the caller asks)
 * covering the asked range serves it; an invalidation drops a calendar's answers, and an answer whose
 * read began before an invalidation is never stored after it; after a write of unknown outcome, nothing
 * is stored for a while.
 */
export interface BusyAnswers {
  /** The longest an answer is ever served. */
  readonly maxAgeMs: number;
  /**
   * The busy intervals overlapping `range` from an answer covering it, at most `maxAgeMs` old; else the
   * ticket for storing a fresh one (undefined when the store could not be asked: nothing will be stored).
   */
  lookup(calendarKey: string, range: TimeRange, maxAgeMs: number): Promise<BusyLookup>;
  /** Stores an answer read with `ticket`, unless the calendar was invalidated since or is distrusted; never throws. */
  put(calendarKey: string, range: TimeRange, busy: readonly TimeRange[], ticket: BusyTicket): Promise<void>;
  /**
   * Forgets the calendar's answers (after a write, or when Google says it changed). With
   * `distrustForMs`, stores none for that long either: a write whose outcome is unknown may land later.
   * Rejects when the invalidation could not be recorded.
   */
  invalidate(calendarKey: string, options?: { distrustForMs?: number }): Promise<void>;
  /** Stops whatever the store runs in the background. */
  close(): void;
}

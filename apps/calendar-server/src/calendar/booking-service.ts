import { type ExclusiveLocks, LockTimeoutError } from '@agendo/database';
import { KeyedQueue } from '@agendo/keyed-queue';
import { findAvailableSlots, type SlotQuery } from './available-slots.js';
import { bookingIdFor } from './booking-id.js';
import type { BusyAnswers } from './busy-answers.js';
import type { Booking, CalendarBackend, CalendarBackendFactory, TimeRange } from './calendar-backend.js';
import { CalendarError } from './calendar-error.js';
import { CallDeadline, currentCallDeadline, withCallDeadline } from './call-deadline.js';
import { InMemoryBusyAnswers } from './in-memory-busy-answers.js';
import { type UncertainWrite, UnknownOutcomeError } from './unknown-outcome-error.js';

/** A slot that is taken; `conflicts` are the busy intervals overlapping it. */
export class SlotUnavailableError extends CalendarError {
  readonly conflicts: TimeRange[];

  constructor(conflicts: TimeRange[]) {
    super('slot_unavailable', 'That time is not free in the calendar; nothing was booked. Offer another time (find_available_slots).');
    this.conflicts = conflicts;
  }
}

/** A booking to make; the idempotency key makes repeats of the same request harmless. */
export interface BookingRequest {
  readonly start: Date;
  readonly end: Date;
  readonly title: string;
  readonly notes: string | null;
  readonly idempotencyKey: string;
}

/** Changes to a booking; a new start without an end keeps the duration. */
export interface BookingUpdate {
  readonly start?: Date;
  readonly end?: Date;
  readonly title?: string;
  readonly notes?: string | null;
}

/** The default of `TOOL_DEADLINE_MS`: well under the assistant's MCP timeout. */
export const DEFAULT_TOOL_DEADLINE_MS = 25_000;

/**
 * Without a live push channel, the re-check right before an insert reads Google unless the cached
 * answer is younger than this: an event the owner added in Google after the check is then seen.
 */
export const RECHECK_MAX_AGE_MS = 5_000;

/** Which calendars Google is known to tell us about (a push channel that has delivered). */
export interface LiveChannels {
  isLive(calendarKey: string): boolean;
}

/** Tuning of {@link BookingService}. */
export interface BookingServiceOptions {
  /** How long a busy answer is served at most (60 s), when `busyAnswers` is not given. */
  readonly busyCacheMs?: number;
  /**
   * Where busy answers are kept: shared in the database by every replica (PostgreSQL). Unset: in this
   * process's memory, for `busyCacheMs`.
   */
  readonly busyAnswers?: BusyAnswers;
  /** The deadline of a call when the caller set none (`TOOL_DEADLINE_MS`). */
  readonly deadlineMs?: number;
  /** How fresh a cached answer must be to serve the re-check before an insert without a live channel. */
  readonly recheckMaxAgeMs?: number;
  readonly liveChannels?: LiveChannels;
  /**
   * The per-calendar lock shared by every replica (PostgreSQL advisory locks): taken inside this
   * process's own queue, waiting at most until the call's deadline. Unset: the process's queue alone.
   */
  readonly locks?: ExclusiveLocks;
  /** Where an invalidation that could not be recorded (the shared busy answers unreachable) is reported. */
  readonly onPublishFailure?: (calendarKey: string, err: unknown) => void;
}

/**
 * The booking rules on top of a calendar backend: availability with a short-lived busy cache, and
 * check-then-write serialized per Google calendar (whichever customers reach it) so one slot is never
 * booked twice. Every call is bounded by a deadline (the tool call's, or `deadlineMs` from its start);
 * the per-calendar lock is never held past the holder's deadline.
 */
export class BookingService {
  readonly #backends: CalendarBackendFactory;
  readonly #answers: BusyAnswers;
  readonly #lock = new KeyedQueue();
  readonly #deadlineMs: number;
  readonly #recheckMaxAgeMs: number;
  readonly #liveChannels: LiveChannels | undefined;
  readonly #locks: ExclusiveLocks | undefined;
  readonly #onPublishFailure: (calendarKey: string, err: unknown) => void;

  constructor(backends: CalendarBackendFactory, options: BookingServiceOptions = {}) {
    this.#backends = backends;
    this.#answers = options.busyAnswers ?? new InMemoryBusyAnswers(options.busyCacheMs ?? 60_000);
    this.#deadlineMs = options.deadlineMs ?? DEFAULT_TOOL_DEADLINE_MS;
    this.#recheckMaxAgeMs = options.recheckMaxAgeMs ?? RECHECK_MAX_AGE_MS;
    this.#liveChannels = options.liveChannels;
    this.#locks = options.locks;
    this.#onPublishFailure = options.onPublishFailure ?? (() => undefined);
  }

  /** Stops what the busy answers run in the background. */
  close(): void {
    this.#answers.close();
  }

  timeZone(customerId: string): Promise<string> {
    return this.#bounded((deadline) => deadline.race(this.#backends.forCustomer(customerId).timeZone(), noAnswer));
  }

  /** Google said the calendar changed (a push notification): every replica forgets what it knew of it. */
  async calendarChanged(calendarKey: string): Promise<void> {
    await this.#invalidate(calendarKey);
  }

  /** Busy intervals overlapping `range`; `free` when there are none. */
  async checkAvailability(customerId: string, range: TimeRange): Promise<{ free: boolean; conflicts: TimeRange[] }> {
    return this.#bounded(async (deadline) => {
      const backend = this.#backends.forCustomer(customerId);
      const conflicts = await deadline.race((async () => this.#busy(await backend.calendarKey(), backend, range, this.#answers.maxAgeMs))(), noAnswer);
      return { free: conflicts.length === 0, conflicts };
    });
  }

  /** Free slots per `query` (its `timeZone` is the customer's unless given). */
  async findSlots(customerId: string, query: SlotQuery): Promise<TimeRange[]> {
    return this.#bounded(async (deadline) => {
      const backend = this.#backends.forCustomer(customerId);
      const busy = await deadline.race((async () => this.#busy(await backend.calendarKey(), backend, query.range, this.#answers.maxAgeMs))(), noAnswer);
      return findAvailableSlots(query, busy);
    });
  }

  /**
   * Books the slot unless it is busy. The event id derives from (customer, idempotency key): a repeat
   * returns the booking made the first time (`created: false`) instead of making another, also after
   * an attempt whose outcome was unknown.
   */
  async createBooking(customerId: string, request: BookingRequest): Promise<{ booking: Booking; created: boolean }> {
    return this.#bounded(async (deadline) => {
      const backend = this.#backends.forCustomer(customerId);
      const id = bookingIdFor(customerId, request.idempotencyKey);
      const calendarKey = await deadline.race(backend.calendarKey(), noAnswer);
      return this.#exclusive(calendarKey, 'create_booking', deadline, async () => {
        const recheckMaxAge = this.#liveChannels?.isLive(calendarKey) ? this.#answers.maxAgeMs : this.#recheckMaxAgeMs;
        const conflicts = await this.#busy(calendarKey, backend, request, recheckMaxAge);
        let result: { booking: Booking; created: boolean };
        if (conflicts.length > 0) {
          const existing = await backend.getBooking(id);
          if (!existing) throw new SlotUnavailableError(conflicts);
          result = { booking: existing, created: false };
        } else {
          result = await this.#write(calendarKey, () => backend.createBooking({ id, start: request.start, end: request.end, title: request.title, notes: request.notes }));
        }
        if (!result.created && (result.booking.start.getTime() !== request.start.getTime() || result.booking.end.getTime() !== request.end.getTime())) {
          throw new CalendarError(
            'invalid_argument',
            `idempotency_key "${request.idempotencyKey}" was already used for another booking (${result.booking.id}); use a new key for a new booking.`,
          );
        }
        return result;
      });
    });
  }

  async listBookings(customerId: string, range: TimeRange, includeCancelled: boolean): Promise<Booking[]> {
    return this.#bounded((deadline) => deadline.race(this.#backends.forCustomer(customerId).listBookings(range, { includeCancelled }), noAnswer));
  }

  /** Moves or renames one of Agendo's bookings; a new time must be free (the booking itself aside). */
  async updateBooking(customerId: string, bookingId: string, update: BookingUpdate): Promise<Booking> {
    return this.#bounded(async (deadline) => {
      const backend = this.#backends.forCustomer(customerId);
      const calendarKey = await deadline.race(backend.calendarKey(), noAnswer);
      return this.#exclusive(calendarKey, 'update_booking', deadline, async () => {
        const current = await this.#ownBooking(backend, bookingId);
        if (current.status === 'cancelled') throw new CalendarError('invalid_argument', `Booking ${bookingId} is cancelled; make a new booking instead.`);
        const start = update.start ?? current.start;
        const end = update.end ?? (update.start ? new Date(start.getTime() + (current.end.getTime() - current.start.getTime())) : current.end);
        if (end <= start) throw new CalendarError('invalid_argument', 'The new end must be after the new start.');
        const moved = start.getTime() !== current.start.getTime() || end.getTime() !== current.end.getTime();
        if (moved) {
          const conflicts = (await backend.busyEvents({ start, end })).filter((e) => e.id !== bookingId);
          if (conflicts.length > 0) throw new SlotUnavailableError(conflicts.map(({ start: s, end: e }) => ({ start: s, end: e })));
        }
        return this.#write(calendarKey, () =>
          backend.updateBooking(bookingId, {
            ...(moved ? { start, end } : {}),
            ...(update.title !== undefined ? { title: update.title } : {}),
            ...(update.notes !== undefined ? { notes: update.notes } : {}),
          }),
        );
      });
    });
  }

  /** Cancels one of Agendo's bookings; cancelling it again returns it as it is. */
  async cancelBooking(customerId: string, bookingId: string): Promise<{ booking: Booking; cancelled: boolean }> {
    return this.#bounded(async (deadline) => {
      const backend = this.#backends.forCustomer(customerId);
      const calendarKey = await deadline.race(backend.calendarKey(), noAnswer);
      return this.#exclusive(calendarKey, 'cancel_booking', deadline, async () => {
        const current = await this.#ownBooking(backend, bookingId);
        if (current.status === 'cancelled') return { booking: current, cancelled: false };
        const booking = await this.#write(calendarKey, () => backend.cancelBooking(bookingId));
        return { booking, cancelled: true };
      });
    });
  }

  /** Runs `work` under the caller's deadline, or a new one of `deadlineMs` when the caller set none. */
  #bounded<T>(work: (deadline: CallDeadline) => Promise<T>): Promise<T> {
    const ambient = currentCallDeadline();
    if (ambient) return work(ambient);
    const deadline = CallDeadline.after(this.#deadlineMs);
    return withCallDeadline(deadline, () => work(deadline));
  }

  /**
   * Runs `work` holding the calendar's lock, for at most the remaining time of `deadline`: a caller
   * whose deadline passes while waiting gives up without writing, and a holder whose deadline passes
   * releases the lock (its Google requests end at the same deadline). Expiry while holding it drops the
   * calendar's cached answers in every replica, since a write may still land. The lock is this
   * process's queue and, inside it, the lock shared with the other replicas (PostgreSQL), waited for
   * at most until the deadline — so each process holds at most one database lock per calendar.
   */
  async #exclusive<T>(calendarKey: string, write: UncertainWrite, deadline: CallDeadline, work: () => Promise<T>): Promise<T> {
    let started = false;
    let distrusted: Promise<void> | undefined;
    const expired = () => {
      if (!started) return new CalendarError('google_unavailable', 'Another change to this calendar took too long; nothing was changed. Try again in a moment.');
      distrusted ??= this.#invalidate(calendarKey, { distrustForMs: this.#answers.maxAgeMs });
      return new UnknownOutcomeError(write, "no answer before the tool call's deadline");
    };
    const holding = async () => {
      if (deadline.expired) throw expired();
      started = true;
      return deadline.race(work(), expired);
    };
    const held = this.#lock.run(calendarKey, async () => {
      if (deadline.expired) throw expired();
      if (!this.#locks) return holding();
      try {
        return await this.#locks.run(calendarKey, holding, { waitMs: deadline.remainingMs() });
      } catch (err) {
        if (err instanceof LockTimeoutError) throw expired();
        throw err;
      }
    });
    try {
      return await deadline.race(held, expired);
    } catch (err) {
      // Recorded (for every replica, on PostgreSQL) before the assistant hears of it.
      if (distrusted) await distrusted;
      throw err;
    }
  }

  /**
   * One write to Google. Whatever happens to it, the calendar's cached answers are dropped in every
   * replica before the write answers; when its outcome is unknown, no answer is cached for a while
   * either (the write may land later).
   */
  async #write<T>(calendarKey: string, write: () => Promise<T>): Promise<T> {
    let unknown = false;
    try {
      return await write();
    } catch (err) {
      unknown = err instanceof UnknownOutcomeError;
      throw err;
    } finally {
      await this.#invalidate(calendarKey, unknown ? { distrustForMs: this.#answers.maxAgeMs } : {});
    }
  }

  /**
   * Drops the calendar's answers (for every replica, when they are shared). A failure is reported, not
   * thrown (the write it follows is done); the shared answers retry it until it is recorded.
   */
  async #invalidate(calendarKey: string, options: { distrustForMs?: number } = {}): Promise<void> {
    try {
      await this.#answers.invalidate(calendarKey, options);
    } catch (err) {
      this.#onPublishFailure(calendarKey, err);
    }
  }

  async #ownBooking(backend: CalendarBackend, bookingId: string): Promise<Booking> {
    const booking = await backend.getBooking(bookingId);
    if (!booking) throw new CalendarError('not_found', `No booking ${bookingId} made by Agendo exists in this customer's calendar.`);
    return booking;
  }

  async #busy(calendarKey: string, backend: CalendarBackend, range: TimeRange, maxAgeMs: number): Promise<TimeRange[]> {
    const found = await this.#answers.lookup(calendarKey, range, maxAgeMs);
    if (found.busy) return found.busy;
    const busy = await backend.busy(range);
    // Stored before the tool answers: the next call, whichever replica takes it, finds it.
    if (found.ticket) await this.#answers.put(calendarKey, { start: range.start, end: range.end }, busy, found.ticket);
    return busy.filter((b) => b.start < range.end && b.end > range.start);
  }
}

function noAnswer(): CalendarError {
  return new CalendarError('google_unavailable', "Google Calendar did not answer within the tool call's deadline; nothing was changed. Try again shortly.");
}

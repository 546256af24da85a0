import { type SlotQuery, findAvailableSlots } from './available-slots.js';
import { bookingIdFor } from './booking-id.js';
import { BusyCache } from './busy-cache.js';
import type { Booking, CalendarBackend, CalendarBackendFactory, TimeRange } from './calendar-backend.js';
import { CalendarError } from './calendar-error.js';
import { KeyedQueue } from '@agendo/keyed-queue';

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

/**
 * The booking rules on top of a calendar backend: availability with a short-lived busy cache, and
 * check-then-write serialized per customer so one slot is never booked twice.
 */
export class BookingService {
  readonly #backends: CalendarBackendFactory;
  readonly #cache: BusyCache;
  readonly #lock = new KeyedQueue();

  constructor(backends: CalendarBackendFactory, options: { busyCacheMs?: number } = {}) {
    this.#backends = backends;
    this.#cache = new BusyCache(options.busyCacheMs ?? 60_000);
  }

  timeZone(customerId: string): Promise<string> {
    return this.#backends.forCustomer(customerId).timeZone();
  }

  /** Busy intervals overlapping `range`; `free` when there are none. */
  async checkAvailability(customerId: string, range: TimeRange): Promise<{ free: boolean; conflicts: TimeRange[] }> {
    const conflicts = await this.#busy(customerId, this.#backends.forCustomer(customerId), range);
    return { free: conflicts.length === 0, conflicts };
  }

  /** Free slots per `query` (its `timeZone` is the customer's unless given). */
  async findSlots(customerId: string, query: SlotQuery): Promise<TimeRange[]> {
    const backend = this.#backends.forCustomer(customerId);
    const busy = await this.#busy(customerId, backend, query.range);
    return findAvailableSlots(query, busy);
  }

  /**
   * Books the slot unless it is busy. The event id derives from (customer, idempotency key): a repeat
   * returns the booking made the first time (`created: false`) instead of making another.
   */
  async createBooking(customerId: string, request: BookingRequest): Promise<{ booking: Booking; created: boolean }> {
    const backend = this.#backends.forCustomer(customerId);
    const id = bookingIdFor(customerId, request.idempotencyKey);
    return this.#lock.run(customerId, async () => {
      const conflicts = await this.#busy(customerId, backend, request);
      let result: { booking: Booking; created: boolean };
      if (conflicts.length > 0) {
        const existing = await backend.getBooking(id);
        if (!existing) throw new SlotUnavailableError(conflicts);
        result = { booking: existing, created: false };
      } else {
        result = await backend.createBooking({ id, start: request.start, end: request.end, title: request.title, notes: request.notes });
        this.#cache.invalidate(customerId);
      }
      if (!result.created && (result.booking.start.getTime() !== request.start.getTime() || result.booking.end.getTime() !== request.end.getTime())) {
        throw new CalendarError('invalid_argument', `idempotency_key "${request.idempotencyKey}" was already used for another booking (${result.booking.id}); use a new key for a new booking.`);
      }
      return result;
    });
  }

  async listBookings(customerId: string, range: TimeRange, includeCancelled: boolean): Promise<Booking[]> {
    return this.#backends.forCustomer(customerId).listBookings(range, { includeCancelled });
  }

  /** Moves or renames one of Agendo's bookings; a new time must be free (the booking itself aside). */
  async updateBooking(customerId: string, bookingId: string, update: BookingUpdate): Promise<Booking> {
    const backend = this.#backends.forCustomer(customerId);
    return this.#lock.run(customerId, async () => {
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
      const updated = await backend.updateBooking(bookingId, {
        ...(moved ? { start, end } : {}),
        ...(update.title !== undefined ? { title: update.title } : {}),
        ...(update.notes !== undefined ? { notes: update.notes } : {}),
      });
      this.#cache.invalidate(customerId);
      return updated;
    });
  }

  /** Cancels one of Agendo's bookings; cancelling it again returns it as it is. */
  async cancelBooking(customerId: string, bookingId: string): Promise<{ booking: Booking; cancelled: boolean }> {
    const backend = this.#backends.forCustomer(customerId);
    return this.#lock.run(customerId, async () => {
      const current = await this.#ownBooking(backend, bookingId);
      if (current.status === 'cancelled') return { booking: current, cancelled: false };
      const booking = await backend.cancelBooking(bookingId);
      this.#cache.invalidate(customerId);
      return { booking, cancelled: true };
    });
  }

  async #ownBooking(backend: CalendarBackend, bookingId: string): Promise<Booking> {
    const booking = await backend.getBooking(bookingId);
    if (!booking) throw new CalendarError('not_found', `No booking ${bookingId} made by Agendo exists in this customer's calendar.`);
    return booking;
  }

  async #busy(customerId: string, backend: CalendarBackend, range: TimeRange): Promise<TimeRange[]> {
    const cached = this.#cache.get(customerId, range);
    if (cached) return cached;
    const fetchedAt = Date.now();
    const generation = this.#cache.generation(customerId);
    const busy = await backend.busy(range);
    this.#cache.put(customerId, { start: range.start, end: range.end }, busy, fetchedAt, generation);
    return busy.filter((b) => b.start < range.end && b.end > range.start);
  }
}

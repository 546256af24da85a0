/** A half-open time range [start, end). */
export interface TimeRange {
  readonly start: Date;
  readonly end: Date;
}

/** A booking Agendo made on a customer's calendar. */
export interface Booking {
  readonly id: string;
  readonly start: Date;
  readonly end: Date;
  readonly title: string;
  readonly notes: string | null;
  readonly status: 'confirmed' | 'cancelled';
}

/** A booking to create; `id` is chosen by us (derived from the idempotency key) so retries cannot duplicate it. */
export interface NewBooking {
  readonly id: string;
  readonly start: Date;
  readonly end: Date;
  readonly title: string;
  readonly notes: string | null;
}

/** Fields of a booking to change; absent ones stay. */
export interface BookingChanges {
  readonly start?: Date;
  readonly end?: Date;
  readonly title?: string;
  readonly notes?: string | null;
}

/** A busy event as seen when re-checking a move: which event, and when. */
export interface BusyEvent extends TimeRange {
  readonly id: string;
}

/** A push channel to open on a calendar (Google's `events.watch`); id and token are ours, random. */
export interface PushChannelRequest {
  readonly id: string;
  readonly token: string;
  /** Where Google posts the notifications (`${PUBLIC_BASE_URL}/google/notifications`). */
  readonly address: string;
  /** Asked expiry, epoch milliseconds; Google may shorten it. */
  readonly expiration: number;
}

/** What Google answered to a watch: the watched resource's id and the channel's real expiry. */
export interface PushChannelStarted {
  readonly resourceId: string;
  /** Epoch milliseconds. */
  readonly expiration: number;
}

/**
 * One customer's calendar, as the tools need it. Implementations live in their own folder
 * (`google/`), are bound to one customer, and see only bookings Agendo made for that customer.
 */
export interface CalendarBackend {
  /**
   * Which calendar this is, independent of the customer: the Google account and calendar id. Customers
   * connected to one account share it, and with it the booking serialization and the busy cache.
   */
  calendarKey(): Promise<string>;
  /** The calendar's IANA time zone. */
  timeZone(): Promise<string>;
  /** Busy intervals (opaque, non-cancelled events, all-day ones included) overlapping `range`. */
  busy(range: TimeRange): Promise<TimeRange[]>;
  /** Busy events with their ids overlapping `range` (to re-check a move without counting the booking itself). */
  busyEvents(range: TimeRange): Promise<BusyEvent[]>;
  /** Agendo's bookings for this customer overlapping `range`, by start time. */
  listBookings(range: TimeRange, options: { includeCancelled: boolean }): Promise<Booking[]>;
  /** One of Agendo's bookings for this customer; undefined when absent or not ours. */
  getBooking(id: string): Promise<Booking | undefined>;
  /** Creates the booking; when its id exists already, returns that one with `created: false`. */
  createBooking(booking: NewBooking): Promise<{ booking: Booking; created: boolean }>;
  updateBooking(id: string, changes: BookingChanges): Promise<Booking>;
  cancelBooking(id: string): Promise<Booking>;
  /** Opens a push channel: Google then posts to `address` whenever an event of this calendar changes. */
  watch(channel: PushChannelRequest): Promise<PushChannelStarted>;
  /** Closes a push channel opened by {@link watch}. */
  stopChannel(channel: { id: string; resourceId: string }): Promise<void>;
}

/** Makes the backend for one customer (Cal.com-style: one factory per backend type). */
export interface CalendarBackendFactory {
  forCustomer(customerId: string): CalendarBackend;
}

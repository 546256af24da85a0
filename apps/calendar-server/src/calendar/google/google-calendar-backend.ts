import { calendar, type calendar_v3 } from '@googleapis/calendar';
import type { AccessTokens } from '../../tokens/access-tokens.js';
import type { Booking, BookingChanges, BusyEvent, CalendarBackend, CalendarBackendFactory, NewBooking, TimeRange } from '../calendar-backend.js';
import { CalendarError } from '../calendar-error.js';
import { bookingFilter, bookingTags, busyIntervalOf, isBookingOf, toBooking } from './google-event.js';
import { DEFAULT_RETRY_POLICY, RetriesExhaustedError, type RetryPolicy, isRateLimited, statusOf, withRetry } from './google-retry.js';

/** What the Google backend needs: tokens per customer, where the API is, and how to retry. */
export interface GoogleBackendOptions {
  readonly tokens: AccessTokens;
  /** Calendar API root (`https://www.googleapis.com/` by default; the stand-in in demo and tests). */
  readonly apiBaseUrl?: string | undefined;
  readonly retry?: RetryPolicy;
  /** Counts every HTTP request made to Google, by method (for metrics). */
  readonly onRequest?: (method: string) => void;
}

/** `CALENDAR_BACKEND=google_calendar`: Google Calendar v3 through `@googleapis/calendar`. */
export class GoogleCalendarBackendFactory implements CalendarBackendFactory {
  readonly #api: calendar_v3.Calendar;
  readonly #options: GoogleBackendOptions;
  /** Calendar time zones by customer; they rarely change, so one read per customer per 10 minutes. */
  readonly #timeZones = new Map<string, { value: string; at: number }>();

  constructor(options: GoogleBackendOptions) {
    this.#options = options;
    this.#api = calendar({ version: 'v3', ...(options.apiBaseUrl ? { rootUrl: `${options.apiBaseUrl}/` } : {}) });
  }

  forCustomer(customerId: string): CalendarBackend {
    return new GoogleCalendarBackend(customerId, this.#api, this.#options, this.#timeZones);
  }
}

const PRIMARY = 'primary';

/**
 * Per-call options for `@googleapis/calendar`: our token, our retry policy instead of gaxios's, and
 * Node's own fetch (gaxios would otherwise load node-fetch, slower here).
 */
interface GoogleCallOptions {
  headers: Record<string, string>;
  retry: boolean;
  fetchImplementation: typeof fetch;
}
const TIME_ZONE_TTL_MS = 10 * 60_000;

/** One customer's primary Google Calendar. */
class GoogleCalendarBackend implements CalendarBackend {
  readonly #customerId: string;
  readonly #api: calendar_v3.Calendar;
  readonly #options: GoogleBackendOptions;
  readonly #timeZones: Map<string, { value: string; at: number }>;

  constructor(customerId: string, api: calendar_v3.Calendar, options: GoogleBackendOptions, timeZones: Map<string, { value: string; at: number }>) {
    this.#customerId = customerId;
    this.#api = api;
    this.#options = options;
    this.#timeZones = timeZones;
  }

  async timeZone(): Promise<string> {
    const cached = this.#timeZones.get(this.#customerId);
    if (cached && Date.now() - cached.at < TIME_ZONE_TTL_MS) return cached.value;
    const cal = await this.#call('calendars.get', (o) => this.#api.calendars.get({ calendarId: PRIMARY }, o));
    const value = cal.timeZone ?? 'UTC';
    this.#timeZones.set(this.#customerId, { value, at: Date.now() });
    return value;
  }

  async busy(range: TimeRange): Promise<TimeRange[]> {
    const res = await this.#call('freebusy.query', (o) =>
      this.#api.freebusy.query({ requestBody: { timeMin: range.start.toISOString(), timeMax: range.end.toISOString(), items: [{ id: PRIMARY }] } }, o),
    );
    const cal = res.calendars?.[PRIMARY];
    if (cal?.errors?.length) throw new CalendarError('google_error', `Google could not read the calendar's busy times (${cal.errors.map((e) => e.reason).join(', ')}).`);
    return (cal?.busy ?? []).map((b) => ({ start: new Date(b.start ?? ''), end: new Date(b.end ?? '') }));
  }

  async busyEvents(range: TimeRange): Promise<BusyEvent[]> {
    const result: BusyEvent[] = [];
    for await (const { event, timeZone } of this.#events({ timeMin: range.start.toISOString(), timeMax: range.end.toISOString() })) {
      const interval = busyIntervalOf(event, timeZone);
      if (interval && event.id) result.push({ id: event.id, ...interval });
    }
    return result;
  }

  async listBookings(range: TimeRange, options: { includeCancelled: boolean }): Promise<Booking[]> {
    const bookings: Booking[] = [];
    const query = {
      timeMin: range.start.toISOString(),
      timeMax: range.end.toISOString(),
      privateExtendedProperty: bookingFilter(this.#customerId),
      showDeleted: options.includeCancelled,
    };
    for await (const { event, timeZone } of this.#events(query)) {
      if (isBookingOf(event, this.#customerId) && (options.includeCancelled || event.status !== 'cancelled')) bookings.push(toBooking(event, timeZone));
    }
    return bookings;
  }

  async getBooking(id: string): Promise<Booking | undefined> {
    const event = await this.#getEvent(id);
    return event && isBookingOf(event, this.#customerId) ? toBooking(event, await this.timeZone()) : undefined;
  }

  async createBooking(booking: NewBooking): Promise<{ booking: Booking; created: boolean }> {
    const timeZone = await this.timeZone();
    const requestBody: calendar_v3.Schema$Event = {
      id: booking.id,
      summary: booking.title,
      ...(booking.notes ? { description: booking.notes } : {}),
      start: { dateTime: booking.start.toISOString(), timeZone },
      end: { dateTime: booking.end.toISOString(), timeZone },
      extendedProperties: { private: bookingTags(this.#customerId) },
      transparency: 'opaque',
    };
    try {
      const event = await this.#call('events.insert', (o) => this.#api.events.insert({ calendarId: PRIMARY, requestBody, sendUpdates: 'none' }, o));
      return { booking: toBooking(event, timeZone), created: true };
    } catch (err) {
      if (!(err instanceof CalendarError && err.code === 'already_exists')) throw err;
    }
    // 409: an event with this id exists already (an earlier attempt whose answer was lost, or a replay).
    const existing = await this.#getEvent(booking.id);
    if (!existing || !isBookingOf(existing, this.#customerId)) {
      throw new CalendarError('google_error', 'Google reports the booking id as taken by an event Agendo did not make for this customer.');
    }
    return { booking: toBooking(existing, timeZone), created: false };
  }

  async updateBooking(id: string, changes: BookingChanges): Promise<Booking> {
    const timeZone = await this.timeZone();
    const requestBody: calendar_v3.Schema$Event = {
      ...(changes.start ? { start: { dateTime: changes.start.toISOString(), timeZone } } : {}),
      ...(changes.end ? { end: { dateTime: changes.end.toISOString(), timeZone } } : {}),
      ...(changes.title !== undefined ? { summary: changes.title } : {}),
      ...(changes.notes !== undefined ? { description: changes.notes } : {}),
    };
    const event = await this.#call('events.patch', (o) => this.#api.events.patch({ calendarId: PRIMARY, eventId: id, requestBody, sendUpdates: 'none' }, o));
    return toBooking(event, timeZone);
  }

  async cancelBooking(id: string): Promise<Booking> {
    try {
      await this.#call('events.delete', (o) => this.#api.events.delete({ calendarId: PRIMARY, eventId: id, sendUpdates: 'none' }, o));
    } catch (err) {
      // 410 Gone: already cancelled (for instance by a retried request whose answer was lost).
      if (!(err instanceof CalendarError && err.code === 'gone')) throw err;
    }
    const event = await this.#getEvent(id);
    if (!event) throw new CalendarError('not_found', `Booking ${id} no longer exists.`);
    return toBooking({ ...event, status: 'cancelled' }, await this.timeZone());
  }

  async #getEvent(id: string): Promise<calendar_v3.Schema$Event | undefined> {
    try {
      return await this.#call('events.get', (o) => this.#api.events.get({ calendarId: PRIMARY, eventId: id }, o));
    } catch (err) {
      if (err instanceof CalendarError && err.code === 'not_found') return undefined;
      throw err;
    }
  }

  async *#events(query: Omit<calendar_v3.Params$Resource$Events$List, 'calendarId'>): AsyncGenerator<{ event: calendar_v3.Schema$Event; timeZone: string }> {
    let pageToken: string | undefined;
    do {
      const page = await this.#call('events.list', (o) =>
        this.#api.events.list({ calendarId: PRIMARY, singleEvents: true, orderBy: 'startTime', maxResults: 250, ...query, ...(pageToken ? { pageToken } : {}) }, o),
      );
      const timeZone = page.timeZone ?? (await this.timeZone());
      for (const event of page.items ?? []) yield { event, timeZone };
      pageToken = page.nextPageToken ?? undefined;
    } while (pageToken);
  }

  /**
   * One Google call with the customer's token: retried on rate limits and 5xx per the policy; a 401
   * renews the token once (one refresh however many calls see it). Errors become {@link CalendarError}s.
   */
  async #call<T>(method: string, request: (options: GoogleCallOptions) => Promise<{ data: T }>): Promise<T> {
    const { tokens, onRequest } = this.#options;
    let token = await tokens.get(this.#customerId);
    let renewed = false;
    try {
      return await withRetry(async () => {
        for (;;) {
          onRequest?.(method);
          try {
            return (await request({ headers: { authorization: `Bearer ${token}` }, retry: false, fetchImplementation: fetch })).data;
          } catch (err) {
            if (statusOf(err) !== 401 || renewed) throw err;
            renewed = true;
            token = await tokens.renew(this.#customerId, token);
          }
        }
      }, this.#options.retry ?? DEFAULT_RETRY_POLICY);
    } catch (err) {
      throw toCalendarError(err, method, this.#customerId);
    }
  }
}

function toCalendarError(err: unknown, method: string, customerId: string): CalendarError {
  if (err instanceof CalendarError) return err;
  const last = err instanceof RetriesExhaustedError ? err.lastError : err;
  const status = statusOf(last);
  if (isRateLimited(last)) return new CalendarError('rate_limited', 'Google Calendar is rate-limiting requests right now; try again in a minute.');
  if (status === undefined || status >= 500) return new CalendarError('google_unavailable', `Google Calendar is unavailable right now (${method}${status ? `: ${status}` : ''}); try again shortly.`);
  if (status === 401) return new CalendarError('needs_reauth', `Google no longer accepts the calendar access of customer ${customerId}; an admin must reconnect it ("Reconectar").`);
  if (status === 404) return new CalendarError('not_found', 'No such booking in this calendar.');
  if (status === 403) return new CalendarError('google_error', `Google refused ${method} (403: missing permission). Reconnecting the calendar may fix it.`);
  if (status === 409) return new CalendarError('already_exists', 'An event with this id exists already.');
  if (status === 410) return new CalendarError('gone', 'The event was deleted already.');
  return new CalendarError('invalid_argument', `Google refused ${method} (${status}): ${(last as Error).message}`);
}

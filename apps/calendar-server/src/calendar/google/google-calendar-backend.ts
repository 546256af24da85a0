import { calendar, type calendar_v3 } from '@googleapis/calendar';
import type { AccessTokens } from '../../tokens/access-tokens.js';
import type {
  Booking,
  BookingChanges,
  BusyEvent,
  CalendarBackend,
  CalendarBackendFactory,
  NewBooking,
  PushChannelRequest,
  PushChannelStarted,
  TimeRange,
} from '../calendar-backend.js';
import { CalendarError } from '../calendar-error.js';
import { currentCallDeadline } from '../call-deadline.js';
import { type UncertainWrite, UnknownOutcomeError } from '../unknown-outcome-error.js';
import { bookingFilter, bookingTags, busyIntervalOf, isBookingOf, toBooking } from './google-event.js';
import { DEFAULT_RETRY_POLICY, isRateLimited, MIN_ATTEMPT_MS, RetriesExhaustedError, type RetryPolicy, statusOf, withRetry } from './google-retry.js';

/** What the Google backend needs: tokens per customer, where the API is, and how to retry. */
export interface GoogleBackendOptions {
  readonly tokens: AccessTokens;
  /** Calendar API root (`https://www.googleapis.com/` by default; the stand-in in demo and tests). */
  readonly apiBaseUrl?: string | undefined;
  readonly retry?: RetryPolicy;
  /** Counts every HTTP request made to Google, by method (for metrics). */
  readonly onRequest?: (method: string) => void;
  /** Each HTTP request to Google is abandoned after this long (and retried within the call's deadline). */
  readonly requestTimeoutMs?: number;
}

/** The default of `GOOGLE_REQUEST_TIMEOUT_MS`. */
export const DEFAULT_GOOGLE_REQUEST_TIMEOUT_MS = 10_000;

/**
 * Thrown instead of sending a request when the tool call's deadline leaves no time for it; not
 * retryable (its `code` is not a network error code).
 */
class DeadlineReachedError extends Error {
  override readonly name = 'DeadlineReachedError';
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
  /** Ends the request at its timeout or the tool call's deadline, whichever comes first. */
  signal: AbortSignal;
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

  calendarKey(): Promise<string> {
    return this.#options.tokens.calendarKey(this.#customerId, PRIMARY);
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
      const event = await this.#call('events.insert', (o) => this.#api.events.insert({ calendarId: PRIMARY, requestBody, sendUpdates: 'none' }, o), 'create_booking');
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
    const event = await this.#call('events.patch', (o) => this.#api.events.patch({ calendarId: PRIMARY, eventId: id, requestBody, sendUpdates: 'none' }, o), 'update_booking');
    return toBooking(event, timeZone);
  }

  async cancelBooking(id: string): Promise<Booking> {
    try {
      await this.#call('events.delete', (o) => this.#api.events.delete({ calendarId: PRIMARY, eventId: id, sendUpdates: 'none' }, o), 'cancel_booking');
    } catch (err) {
      // 410 Gone: already cancelled (for instance by a retried request whose answer was lost).
      if (!(err instanceof CalendarError && err.code === 'gone')) throw err;
    }
    const event = await this.#getEvent(id);
    if (!event) throw new CalendarError('not_found', `Booking ${id} no longer exists.`);
    return toBooking({ ...event, status: 'cancelled' }, await this.timeZone());
  }

  async watch(channel: PushChannelRequest): Promise<PushChannelStarted> {
    const started = await this.#call('events.watch', (o) =>
      this.#api.events.watch(
        {
          calendarId: PRIMARY,
          requestBody: { id: channel.id, type: 'web_hook', address: channel.address, token: channel.token, expiration: String(channel.expiration) },
        },
        o,
      ),
    );
    if (!started.resourceId) throw new CalendarError('google_error', 'Google opened a push channel without a resource id.');
    const expiration = Number(started.expiration);
    return { resourceId: started.resourceId, expiration: Number.isFinite(expiration) && expiration > 0 ? expiration : channel.expiration };
  }

  async stopChannel(channel: { id: string; resourceId: string }): Promise<void> {
    await this.#call('channels.stop', (o) => this.#api.channels.stop({ requestBody: { id: channel.id, resourceId: channel.resourceId } }, o));
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
   * One Google call with the customer's token: each request bounded by the request timeout and the
   * tool call's deadline, retried on rate limits, 5xx, network errors and timeouts per the policy while
   * the deadline allows; a 401 renews the token once (one refresh however many calls see it). Errors
   * become {@link CalendarError}s; a `write` whose outcome is unknown becomes an {@link UnknownOutcomeError}.
   */
  async #call<T>(method: string, request: (options: GoogleCallOptions) => Promise<{ data: T }>, write?: UncertainWrite): Promise<T> {
    const { tokens, onRequest } = this.#options;
    const timeoutMs = this.#options.requestTimeoutMs ?? DEFAULT_GOOGLE_REQUEST_TIMEOUT_MS;
    const deadline = currentCallDeadline();
    let renewed = false;
    /** Whether a request of this write was sent and its answer never came (or came as 5xx). */
    let uncertain = false;
    try {
      let token = await tokens.get(this.#customerId);
      return await withRetry(
        async () => {
          for (;;) {
            const budget = Math.min(timeoutMs, deadline?.remainingMs() ?? timeoutMs);
            if (budget < MIN_ATTEMPT_MS) throw new DeadlineReachedError(`no time left for ${method} before the tool call's deadline`);
            onRequest?.(method);
            try {
              return (await request({ headers: { authorization: `Bearer ${token}` }, retry: false, fetchImplementation: fetch, signal: AbortSignal.timeout(budget) })).data;
            } catch (err) {
              const status = statusOf(err);
              if (status === undefined || status >= 500) uncertain = true;
              if (status !== 401 || renewed) throw err;
              renewed = true;
              token = await tokens.renew(this.#customerId, token);
            }
          }
        },
        this.#options.retry ?? DEFAULT_RETRY_POLICY,
        undefined,
        deadline?.at,
      );
    } catch (err) {
      // A later definite answer (409 exists, 410 gone, another 4xx) settles the outcome; anything else leaves it unknown.
      const finalStatus = statusOf(err instanceof RetriesExhaustedError ? err.lastError : err);
      const settled = finalStatus !== undefined && finalStatus < 500 && !isRateLimited(err instanceof RetriesExhaustedError ? err.lastError : err);
      if (write && uncertain && !settled && !(err instanceof CalendarError)) {
        throw new UnknownOutcomeError(write, describeFailure(err, method));
      }
      throw toCalendarError(err, method, this.#customerId);
    }
  }
}

/** A short account of why a request failed, for messages and logs. */
function describeFailure(err: unknown, method: string): string {
  const last = err instanceof RetriesExhaustedError ? err.lastError : err;
  if (last instanceof DeadlineReachedError) return `${method}: no answer before the tool call's deadline`;
  const status = statusOf(last);
  if (status !== undefined) return `${method}: HTTP ${status}${err instanceof RetriesExhaustedError ? ` after ${err.attempts} attempts` : ''}`;
  const code = (last as { code?: unknown })?.code;
  return `${method}: ${code === 'TimeoutError' || code === 'AbortError' ? 'no answer in time' : typeof code === 'string' ? code : 'network error'}`;
}

/**
 * Google's answer in the assistant's terms. A 401 that survives a token refresh is a `google_error`
 * (retryable on the next call), never `needs_reauth`: only `invalid_grant` from the token endpoint
 * means the grant is gone (see AccessTokens).
 */
function toCalendarError(err: unknown, method: string, customerId: string): CalendarError {
  if (err instanceof CalendarError) return err;
  const last = err instanceof RetriesExhaustedError ? err.lastError : err;
  const status = statusOf(last);
  if (isRateLimited(last)) return new CalendarError('rate_limited', 'Google Calendar is rate-limiting requests right now; try again in a minute.');
  if (status === undefined || status >= 500)
    return new CalendarError('google_unavailable', `Google Calendar is unavailable right now (${describeFailure(err, method)}); nothing was changed. Try again shortly.`);
  if (status === 401)
    return new CalendarError(
      'google_error',
      `Google refused ${method} for customer ${customerId} (401) even with a freshly refreshed access token; the connection itself is fine. Try again shortly.`,
    );
  if (status === 404) return new CalendarError('not_found', 'No such booking in this calendar.');
  if (status === 403) return new CalendarError('google_error', `Google refused ${method} (403: missing permission). Reconnecting the calendar may fix it.`);
  if (status === 409) return new CalendarError('already_exists', 'An event with this id exists already.');
  if (status === 410) return new CalendarError('gone', 'The event was deleted already.');
  return new CalendarError('invalid_argument', `Google refused ${method} (${status}): ${(last as Error).message}`);
}

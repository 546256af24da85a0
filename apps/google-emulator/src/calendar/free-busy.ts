import { eventInterval } from './calendar-event.js';
import type { PrimaryCalendar } from './calendar-store.js';
import { GoogleApiError } from './google-api-error.js';
import { formatInZone, parseTimestamp } from './rfc3339.js';
import { canonicalTimeZone } from './time-zone.js';

/** Most calendars one `freebusy.query` may ask about (Google's `calendarExpansionMax` ceiling). */
export const MAX_FREEBUSY_CALENDARS = 50;

/** A validated `freebusy.query` body. */
export interface FreeBusyRequest {
  timeMin: number;
  timeMax: number;
  /** Zone of the busy times in the answer; UTC (`...Z`) by default. */
  timeZone: string;
  /** Calendar ids as asked (`primary`, an email...), without repeats. */
  ids: string[];
}

/** A busy interval on the wire. */
export interface BusyPeriod {
  start: string;
  end: string;
}

/** One calendar of the answer: its busy periods, or why it could not be read. */
export type FreeBusyCalendar = { busy: BusyPeriod[] } | { busy: []; errors: { domain: string; reason: string }[] };

/** Google's `FreeBusyResponse`. */
export interface FreeBusyResponse {
  kind: 'calendar#freeBusy';
  timeMin: string;
  timeMax: string;
  calendars: Record<string, FreeBusyCalendar>;
}

function requiredInstant(body: Record<string, unknown>, name: 'timeMin' | 'timeMax'): number {
  const value = body[name];
  if (value === undefined || value === null || value === '') throw GoogleApiError.required(`Missing ${name} parameter.`);
  const instant = typeof value === 'string' ? parseTimestamp(value) : undefined;
  if (instant === undefined) throw GoogleApiError.invalid(`Invalid value for ${name}: ${String(value)}`);
  return instant;
}

/** Validates a `freebusy.query` body. */
export function parseFreeBusyRequest(body: unknown): FreeBusyRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw GoogleApiError.required('Missing request body.');
  const fields = body as Record<string, unknown>;
  const timeMin = requiredInstant(fields, 'timeMin');
  const timeMax = requiredInstant(fields, 'timeMax');
  if (timeMax <= timeMin) throw GoogleApiError.timeRangeEmpty();

  let timeZone = 'UTC';
  if (fields.timeZone !== undefined && fields.timeZone !== null) {
    const zone = typeof fields.timeZone === 'string' ? canonicalTimeZone(fields.timeZone) : undefined;
    if (zone === undefined) throw GoogleApiError.invalid(`Invalid time zone: ${String(fields.timeZone)}`);
    timeZone = zone;
  }
  const items = fields.items ?? [];
  if (!Array.isArray(items)) throw GoogleApiError.invalid('Invalid value for: items');
  const ids = items.map((item: unknown) => {
    const id = typeof item === 'object' && item !== null ? (item as Record<string, unknown>).id : undefined;
    if (typeof id !== 'string' || id === '') throw GoogleApiError.required('Missing calendar id in items.');
    return id;
  });
  const distinct = [...new Set(ids)];
  if (distinct.length > MAX_FREEBUSY_CALENDARS) {
    throw new GoogleApiError({
      error: {
        code: 400,
        message: 'The number of calendars requested is too large.',
        errors: [{ domain: 'global', reason: 'tooManyCalendarsRequested', message: 'The number of calendars requested is too large.' }],
      },
    });
  }
  return { timeMin, timeMax, timeZone, ids: distinct };
}

/**
 * The calendar's busy intervals within `[timeMin, timeMax)` (ms): opaque, not cancelled events
 * (all-day ones from midnight to midnight in the calendar's zone), clipped to the window and
 * merged where they overlap or touch.
 */
export function busyIntervals(calendar: PrimaryCalendar, timeMin: number, timeMax: number): { start: number; end: number }[] {
  const intervals = [...calendar.events.values()]
    .filter((event) => event.status !== 'cancelled' && event.transparency !== 'transparent')
    .map((event) => eventInterval(event, calendar.timeZone))
    .filter(({ start, end }) => start < timeMax && end > timeMin)
    .map(({ start, end }) => ({ start: Math.max(start, timeMin), end: Math.min(end, timeMax) }))
    .sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number }[] = [];
  for (const interval of intervals) {
    const last = merged.at(-1);
    if (last !== undefined && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
    else merged.push({ ...interval });
  }
  return merged;
}

/**
 * Answers `freebusy.query` for the account `email`: `primary` and the account's own email are its
 * calendar, any other id gets a `notFound` error entry.
 */
export function queryFreeBusy(request: FreeBusyRequest, email: string, calendar: PrimaryCalendar): FreeBusyResponse {
  const calendars: Record<string, FreeBusyCalendar> = {};
  for (const id of request.ids) {
    if (id === 'primary' || id.toLowerCase() === email.toLowerCase()) {
      calendars[id] = {
        busy: busyIntervals(calendar, request.timeMin, request.timeMax).map(({ start, end }) => ({
          start: formatInZone(start, request.timeZone),
          end: formatInZone(end, request.timeZone),
        })),
      };
    } else {
      calendars[id] = { errors: [{ domain: 'global', reason: 'notFound' }], busy: [] };
    }
  }
  return {
    kind: 'calendar#freeBusy',
    timeMin: new Date(request.timeMin).toISOString(),
    timeMax: new Date(request.timeMax).toISOString(),
    calendars,
  };
}

import { GoogleApiError } from './google-api-error.js';
import { formatInZone, isDate, parseLocalDateTime, parseTimestamp, startOfDate } from './rfc3339.js';
import { canonicalTimeZone } from './time-zone.js';

/** A validated event start or end: an instant (with the zone it was given in, if any) or an all-day date. */
export type EventTime = { kind: 'dateTime'; instant: number; timeZone?: string | undefined } | { kind: 'date'; date: string };

/** An event start or end on the wire (Google's `EventDateTime`). */
export interface EventDateTimeResource {
  date?: string;
  dateTime?: string;
  timeZone?: string;
}

/**
 * Validates a Google `EventDateTime` (`which` names it in error messages): either `dateTime` in
 * RFC 3339 (with an offset, or without one plus `timeZone`) or an all-day `date` (`YYYY-MM-DD`).
 */
export function parseEventTime(input: unknown, which: 'start' | 'end'): EventTime {
  if (input === undefined || input === null) throw GoogleApiError.required(`Missing ${which} time.`);
  if (typeof input !== 'object' || Array.isArray(input)) throw GoogleApiError.invalid(`Invalid ${which} time.`);
  const { date, dateTime, timeZone } = input as Record<string, unknown>;

  let zone: string | undefined;
  if (timeZone !== undefined && timeZone !== null) {
    zone = typeof timeZone === 'string' ? canonicalTimeZone(timeZone) : undefined;
    if (zone === undefined) throw GoogleApiError.invalid(`Invalid time zone definition for ${which} time.`);
  }
  const hasDate = date !== undefined && date !== null;
  const hasDateTime = dateTime !== undefined && dateTime !== null;
  if (hasDate && hasDateTime) throw GoogleApiError.invalid(`Invalid ${which} time.`);

  if (hasDateTime) {
    if (typeof dateTime !== 'string') throw GoogleApiError.invalid(`Invalid ${which} time.`);
    let instant = parseTimestamp(dateTime);
    if (instant === undefined && parseLocalDateTime(dateTime, 'utc') !== undefined) {
      if (zone === undefined) throw GoogleApiError.required(`Missing time zone definition for ${which} time.`);
      instant = parseLocalDateTime(dateTime, zone);
    }
    if (instant === undefined) throw GoogleApiError.invalid(`Invalid ${which} time.`);
    return { kind: 'dateTime', instant, timeZone: zone };
  }
  if (hasDate) {
    if (typeof date !== 'string' || !isDate(date)) throw GoogleApiError.invalid(`Invalid ${which} time.`);
    return { kind: 'date', date };
  }
  throw GoogleApiError.required(`Missing ${which} time.`);
}

/**
 * Throws 400 unless start and end are of the same kind (both `date` or both `dateTime`) and end
 * is after start.
 */
export function checkTimeRange(start: EventTime, end: EventTime): void {
  if (start.kind !== end.kind) {
    throw GoogleApiError.badRequest('Start and end times must either both be date or both be dateTime.');
  }
  const empty = start.kind === 'date' && end.kind === 'date' ? end.date <= start.date : instantOf(end, 'utc') <= instantOf(start, 'utc');
  if (empty) throw GoogleApiError.timeRangeEmpty();
}

/** The instant of an event start or end; all-day dates begin at midnight in `calendarZone`. */
export function instantOf(time: EventTime, calendarZone: string): number {
  return time.kind === 'date' ? startOfDate(time.date, calendarZone) : time.instant;
}

/** An event start or end as Google writes it: date-times in their own zone, else in `zone`. */
export function renderEventTime(time: EventTime, zone: string): EventDateTimeResource {
  if (time.kind === 'date') return { date: time.date };
  return {
    dateTime: formatInZone(time.instant, time.timeZone ?? zone),
    ...(time.timeZone === undefined ? {} : { timeZone: time.timeZone }),
  };
}

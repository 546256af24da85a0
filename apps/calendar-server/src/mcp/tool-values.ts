import type { BookingOut, IntervalOut } from '@agendo/contracts';
import { DateTime } from 'luxon';
import type { Booking, TimeRange } from '../calendar/calendar-backend.js';
import { InvalidToolArgument } from './invalid-tool-argument.js';
import { parseRfc3339, TimeArgumentError } from './rfc3339-time.js';

/** The default of `BOOKING_HORIZON_DAYS`: how far ahead a booking may be made. */
export const DEFAULT_BOOKING_HORIZON_DAYS = 365;

/**
 * The time arguments of one tool call (strings in the contract), read in the calendar's time zone. Each
 * refusal is an `invalid_argument` naming the field; how an ambiguous local time was read
 * is kept in `notes`, for the tool's answer.
 */
export class ToolTimes {
  readonly notes: string[] = [];
  readonly #timeZone: string;

  constructor(timeZone: string) {
    this.#timeZone = timeZone;
  }

  /** The instant a time argument names. */
  at(field: string, value: string): Date {
    try {
      const { instant, note } = parseRfc3339(value, this.#timeZone);
      if (note) this.notes.push(`${field}: ${note}`);
      return instant;
    } catch (err) {
      if (err instanceof TimeArgumentError) throw InvalidToolArgument.field(field, err.message);
      throw err;
    }
  }

  /** A range from two arguments, checked: end after start and at most `maxDays` long. */
  range(fields: readonly [string, string], start: string, end: string, maxDays: number): TimeRange {
    return checkedRange(fields, { start: this.at(fields[0], start), end: this.at(fields[1], end) }, maxDays);
  }
}

/** A tool's output with `time_notes` (how ambiguous local times were read) when there are any. */
export function withTimeNotes<T extends Record<string, unknown>>(times: ToolTimes, structured: T): T & { time_notes?: string[] } {
  if (times.notes.length === 0) return structured;
  return { ...structured, time_notes: [...times.notes] };
}

/** Checks a range: end after start and at most `maxDays` long. */
export function checkedRange(fields: readonly [string, string], range: TimeRange, maxDays: number): TimeRange {
  if (range.end <= range.start) throw InvalidToolArgument.field(fields[1], `${fields[1]} must be after ${fields[0]}.`);
  if (range.end.getTime() - range.start.getTime() > maxDays * 24 * 3600_000) {
    throw InvalidToolArgument.field(fields[1], `the range may span at most ${maxDays} days.`);
  }
  return range;
}

/**
 * Refuses a booking time that is not in the future or lies beyond the horizon (`BOOKING_HORIZON_DAYS`):
 * bookings are appointments to come, never history or a far-off typo.
 */
export function requireBookable(field: string, instant: Date, horizonDays: number, timeZone: string, now = new Date()): void {
  if (instant.getTime() <= now.getTime()) {
    throw InvalidToolArgument.field(field, `a booking must be in the future; it is ${formatDateTime(now, timeZone)} now in ${timeZone}.`);
  }
  const horizon = new Date(now.getTime() + horizonDays * 24 * 3600_000);
  if (instant > horizon) {
    throw InvalidToolArgument.field(field, `bookings can be made at most ${horizonDays} days ahead (until ${formatDateTime(horizon, timeZone)}).`);
  }
}

/** Formats an instant as RFC 3339 with the offset in force in `timeZone` at that instant. */
export function formatDateTime(value: Date, timeZone: string): string {
  return DateTime.fromJSDate(value, { zone: timeZone }).toISO({ suppressMilliseconds: true }) ?? value.toISOString();
}

/** An interval as the tools return it. */
export function intervalOut(range: TimeRange, timeZone: string): IntervalOut {
  return { start: formatDateTime(range.start, timeZone), end: formatDateTime(range.end, timeZone) };
}

/** A booking as the tools return it. */
export function bookingOut(booking: Booking, timeZone: string): BookingOut {
  return {
    booking_id: booking.id,
    start: formatDateTime(booking.start, timeZone),
    end: formatDateTime(booking.end, timeZone),
    title: booking.title,
    ...(booking.notes ? { notes: booking.notes } : {}),
    status: booking.status,
  };
}

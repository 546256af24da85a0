import type { BookingOut, IntervalOut } from '@agendo/calendar-contract';
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Booking, TimeRange } from '../calendar/calendar-backend.js';
import { CalendarError } from '../calendar/calendar-error.js';

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?$/i;

/** A date-time argument: RFC 3339; without an offset it is read in the calendar's time zone. */
export const dateTimeArg = (description: string) =>
  z
    .string()
    .regex(RFC3339, 'must be an RFC 3339 date-time like 2026-01-15T15:00:00-06:00')
    .refine((v) => DateTime.fromISO(v, { setZone: true }).isValid, 'is not a real date-time')
    .describe(`${description} (RFC 3339; without an offset, the calendar's time zone applies)`);

/** Parses a validated date-time argument in the calendar's time zone. */
export function parseDateTime(value: string, timeZone: string): Date {
  return DateTime.fromISO(value, { zone: timeZone }).toJSDate();
}

/** Formats an instant as RFC 3339 with the offset in force in `timeZone` at that instant. */
export function formatDateTime(value: Date, timeZone: string): string {
  return DateTime.fromJSDate(value, { zone: timeZone }).toISO({ suppressMilliseconds: true }) ?? value.toISOString();
}

/** A time range argument pair, checked: end after start and at most `maxDays` long. */
export function parseRange(start: string, end: string, timeZone: string, maxDays: number): TimeRange {
  const range = { start: parseDateTime(start, timeZone), end: parseDateTime(end, timeZone) };
  if (range.end <= range.start) throw new CalendarError('invalid_argument', 'end must be after start.');
  if (range.end.getTime() - range.start.getTime() > maxDays * 24 * 3600_000) {
    throw new CalendarError('invalid_argument', `The range may span at most ${maxDays} days.`);
  }
  return range;
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
    notes: booking.notes,
    status: booking.status,
  };
}

import { z } from 'zod';

/** An interval as the calendar tools return it: RFC 3339 with the calendar's offset. */
export const intervalSchema = z.object({ start: z.string(), end: z.string() });
export type IntervalOut = z.infer<typeof intervalSchema>;

/** A booking as the calendar tools return it. */
export const bookingSchema = z.object({
  booking_id: z.string(),
  start: z.string(),
  end: z.string(),
  title: z.string(),
  // Absent rather than null: a nullable type (`["string","null"]`) is not portable across tool clients.
  notes: z.string().optional().describe('Notes of the booking, when it has any'),
  status: z.enum(['confirmed', 'cancelled']),
});
export type BookingOut = z.infer<typeof bookingSchema>;

/** The stable codes that start a calendar tool error's text (`code: message`). */
export const calendarErrorCodes = [
  'not_connected',
  'needs_reauth',
  'not_found',
  'already_exists',
  'gone',
  'slot_unavailable',
  'invalid_argument',
  'rate_limited',
  'google_unavailable',
  'google_error',
] as const;
export type CalendarErrorCode = (typeof calendarErrorCodes)[number];

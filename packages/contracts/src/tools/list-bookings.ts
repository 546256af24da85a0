import { z } from 'zod';
import { bookingSchema } from './booking.js';
import { defineCalendarTool } from './calendar-tool.js';
import { dateTimeInput, timeZoneOutput } from './date-time.js';
import { timeNotesSchema } from './time-notes.js';

/** `list_bookings`: the bookings Agendo made for this customer in a range, by start time. */
export const listBookingsTool = defineCalendarTool({
  name: 'list_bookings',
  title: 'List bookings',
  description: "The bookings Agendo made in the customer's calendar within a range, by start time (other events are not listed).",
  inputSchema: z.object({
    range_start: dateTimeInput('From: bookings ending after this time'),
    range_end: dateTimeInput('Until: bookings starting before this time; after range_start, at most 366 days later'),
    include_cancelled: z.boolean().default(false).describe('Also list cancelled bookings (default false)'),
  }),
  outputSchema: z.object({
    time_zone: timeZoneOutput,
    bookings: z.array(bookingSchema).describe("Agendo's bookings in the range, by start time"),
    time_notes: timeNotesSchema,
  }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
});

import { z } from 'zod';
import { bookingSchema } from './booking.js';
import { defineCalendarTool } from './calendar-tool.js';
import { dateTimeInput, timeZoneOutput } from './date-time.js';
import { timeNotesSchema } from './time-notes.js';

/** The fields `update_booking` can change: at least one of them must be given. */
const CHANGEABLE = ['start', 'end', 'title', 'notes'] as const;

/**
 * `update_booking`: moves or renames one of Agendo's bookings; the new time must be free. "Change at
 * least one field" is `anyOf` required in the JSON Schema, checked by zod too.
 */
export const updateBookingTool = defineCalendarTool({
  name: 'update_booking',
  title: 'Update booking',
  description:
    'Moves (new start/end) or renames one of the bookings Agendo made for this customer; give at least one of start, end, title or notes. ' +
    'A busy new time is refused (slot_unavailable) with the conflicts.',
  inputSchema: z
    .object({
      booking_id: z.string().min(1).max(1024).describe('The booking to change: booking_id from create_booking or list_bookings'),
      start: dateTimeInput('New start; without end the duration is kept').optional(),
      end: dateTimeInput('New end; after the (new) start').optional(),
      title: z.string().trim().min(1).max(200).optional().describe('New event title (1–200 characters)'),
      notes: z.string().max(4000).nullable().optional().describe('New event description (up to 4000 characters); null removes it'),
    })
    .superRefine((args, ctx) => {
      if (CHANGEABLE.every((field) => args[field] === undefined)) {
        ctx.addIssue({ code: 'custom', path: [], message: 'nothing to change: give start, end, title or notes' });
      }
    })
    .meta({ anyOf: CHANGEABLE.map((field) => ({ required: [field] })) }),
  outputSchema: z.object({
    time_zone: timeZoneOutput,
    booking: bookingSchema,
    time_notes: timeNotesSchema,
  }),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
});

import { z } from 'zod';
import { bookingSchema } from './booking.js';
import { defineCalendarTool } from './calendar-tool.js';
import { dateTimeInput, timeZoneOutput } from './date-time.js';
import { timeNotesSchema } from './time-notes.js';

/**
 * `create_booking`: books a free time; idempotent per `idempotency_key`; a busy time is a
 * `slot_unavailable` error with the conflicts. Exactly one of `end` and `duration_minutes`
 * (`oneOf` in the JSON Schema, checked by zod too).
 */
export const createBookingTool = defineCalendarTool({
  name: 'create_booking',
  title: 'Create booking',
  description:
    "Creates a booking in the customer's calendar if the time is free. Give exactly one of end or duration_minutes, and an idempotency_key. " +
    'A busy time is refused (slot_unavailable) with the conflicts; nothing is booked then.',
  inputSchema: z
    .object({
      start: dateTimeInput('Start of the booking; in the future, within the booking horizon (BOOKING_HORIZON_DAYS, default 365 days)'),
      end: dateTimeInput('End of the booking; give this or duration_minutes, not both').optional(),
      duration_minutes: z
        .number()
        .int()
        .min(5)
        .max(24 * 60)
        .optional()
        .describe('Length of the booking in minutes (5–1440); give this or end, not both'),
      title: z.string().trim().min(1).max(200).describe('Event title (1–200 characters)'),
      notes: z.string().max(4000).optional().describe('Event description (up to 4000 characters)'),
      idempotency_key: z
        .string()
        .min(8)
        .max(200)
        .describe(
          'Unique per intended booking (8–200 characters, e.g. bound to the proposal the customer confirmed). Repeating a call with the same key returns the same booking and never creates a second one.',
        ),
    })
    .superRefine((args, ctx) => {
      if ((args.end === undefined) === (args.duration_minutes === undefined)) {
        ctx.addIssue({ code: 'custom', path: [args.end === undefined ? 'end' : 'duration_minutes'], message: 'give exactly one of end or duration_minutes' });
      }
    })
    .meta({ oneOf: [{ required: ['end'] }, { required: ['duration_minutes'] }] }),
  outputSchema: z.object({
    created: z.boolean().describe('false when this idempotency_key had already made the booking (nothing new was created)'),
    time_zone: timeZoneOutput,
    booking: bookingSchema,
    time_notes: timeNotesSchema,
  }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
});

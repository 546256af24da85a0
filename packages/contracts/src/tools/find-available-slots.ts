import { z } from 'zod';
import { defineCalendarTool } from './calendar-tool.js';
import { dateTimeInput, timeZoneOutput } from './date-time.js';
import { intervalSchema } from './interval.js';
import { timeNotesSchema } from './time-notes.js';

const hhmm = (what: string) =>
  z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:mm, e.g. 09:00')
    .describe(`${what}: local wall-clock time HH:mm (24 h) in the calendar time zone`)
    .meta({ examples: ['09:00', '18:00'] });

/** `find_available_slots`: free slots of a given length in a range, within working hours, nearest first. */
export const findAvailableSlotsTool = defineCalendarTool({
  name: 'find_available_slots',
  title: 'Find available slots',
  description: "Free slots of a given duration in the customer's calendar within a range (at most 31 days) and working hours, nearest first.",
  inputSchema: z.object({
    range_start: dateTimeInput('Earliest start to consider'),
    range_end: dateTimeInput('Latest end to consider; after range_start, at most 31 days later'),
    duration_minutes: z
      .number()
      .int()
      .min(5)
      .max(24 * 60)
      .describe('Length of the wanted slot, in minutes (5–1440)'),
    working_hours: z
      .object({
        days: z.array(z.number().int().min(1).max(7).describe('ISO weekday: 1 = Monday … 7 = Sunday')).min(1).describe('Weekdays open, ISO numbering'),
        start: hhmm('Opening time'),
        end: hhmm('Closing time, after the opening time'),
      })
      .refine((hours) => hours.end > hours.start, { path: ['end'], message: 'working_hours.end must be after working_hours.start' })
      .optional()
      .describe('When slots may fall; default Monday to Friday, 09:00 to 18:00 in the calendar time zone'),
    near: dateTimeInput('Offer the slots nearest to this time first (default: earliest first)').optional(),
    step_minutes: z.number().int().min(5).max(240).optional().describe('Spacing of candidate starts, in minutes (default 30, or 15 for slots shorter than 30)'),
    limit: z.number().int().min(1).max(50).default(5).describe('How many slots to return at most (1–50, default 5)'),
  }),
  outputSchema: z.object({
    time_zone: timeZoneOutput,
    slots: z.array(intervalSchema).describe('Free slots of exactly duration_minutes, nearest first; empty when none fits'),
    time_notes: timeNotesSchema,
  }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
});

import { z } from 'zod';
import { defineCalendarTool } from './calendar-tool.js';
import { dateTimeInput, dateTimeOutput, timeZoneOutput } from './date-time.js';
import { intervalSchema } from './interval.js';
import { timeNotesSchema } from './time-notes.js';

/** `check_availability`: whether [start, end) is free in the customer's calendar. */
export const checkAvailabilityTool = defineCalendarTool({
  name: 'check_availability',
  title: 'Check availability',
  description: "Whether a time is free in the customer's calendar; if not, the busy intervals that overlap it. At most 31 days.",
  inputSchema: z.object({
    start: dateTimeInput('Start of the time to check'),
    end: dateTimeInput('End of the time to check; after start, at most 31 days later'),
  }),
  outputSchema: z.object({
    free: z.boolean().describe('true when nothing in the calendar overlaps [start, end)'),
    start: dateTimeOutput('The checked start'),
    end: dateTimeOutput('The checked end'),
    time_zone: timeZoneOutput,
    conflicts: z.array(intervalSchema).describe('Busy intervals overlapping the time (no details of other events); empty when free'),
    time_notes: timeNotesSchema,
  }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
});

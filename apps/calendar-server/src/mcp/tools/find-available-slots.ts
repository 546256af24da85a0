import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { DEFAULT_WORKING_HOURS } from '../../calendar/available-slots.js';
import { CalendarError } from '../../calendar/calendar-error.js';
import type { ToolContext } from '../tool-context.js';
import { runTool, toolResult } from '../tool-result.js';
import { intervalSchema } from '@agendo/calendar-contract';
import { ToolTimes, dateTimeArg, intervalOut, timeNotesSchema, withTimeNotes } from '../tool-values.js';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:mm, e.g. 09:00');

const inputSchema = {
  range_start: dateTimeArg('Earliest start to consider'),
  range_end: dateTimeArg('Latest end to consider (at most 31 days after range_start)'),
  duration_minutes: z.number().int().min(5).max(24 * 60).describe('Length of the wanted slot'),
  working_hours: z
    .object({
      days: z.array(z.number().int().min(1).max(7)).min(1).describe('ISO weekdays: 1 = Monday … 7 = Sunday'),
      start: hhmm.describe('Local opening time'),
      end: hhmm.describe('Local closing time'),
    })
    .optional()
    .describe('Default: Monday to Friday, 09:00 to 18:00 in the calendar time zone'),
  near: dateTimeArg('Offer the slots nearest to this time first (default: earliest first)').optional(),
  step_minutes: z.number().int().min(5).max(240).optional().describe('Spacing of candidate starts (default 30, or 15 for short slots)'),
  limit: z.number().int().min(1).max(50).default(5).describe('How many slots to return'),
};
const outputSchema = { time_zone: z.string(), slots: z.array(intervalSchema), time_notes: timeNotesSchema };

/** `find_available_slots`: free slots of a given length in a range, within working hours, nearest first. */
export function registerFindAvailableSlots(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'find_available_slots',
    {
      title: 'Find available slots',
      description: "Free slots of a given duration in the customer's calendar within a range (at most 31 days) and working hours, nearest first.",
      inputSchema,
      outputSchema,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    },
    (args) =>
      runTool(async () => {
        const timeZone = await ctx.bookings.timeZone(ctx.customerId);
        const times = new ToolTimes(timeZone);
        const range = times.range(['range_start', 'range_end'], args.range_start, args.range_end, 31);
        const near = args.near === undefined ? undefined : times.at('near', args.near);
        const workingHours = args.working_hours ?? DEFAULT_WORKING_HOURS;
        if (workingHours.end <= workingHours.start) throw new CalendarError('invalid_argument', 'working_hours.end must be after working_hours.start.');
        const slots = await ctx.bookings.findSlots(ctx.customerId, {
          range,
          durationMinutes: args.duration_minutes,
          stepMinutes: args.step_minutes ?? (args.duration_minutes < 30 ? 15 : 30),
          workingHours,
          timeZone,
          ...(near ? { near } : {}),
          limit: args.limit,
          now: new Date(),
        });
        return toolResult(...withTimeNotes(times, `${slots.length} free slot(s).`, { time_zone: timeZone, slots: slots.map((s) => intervalOut(s, timeZone)) }));
      }),
  );
}

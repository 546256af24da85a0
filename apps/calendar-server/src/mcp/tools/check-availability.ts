import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { ToolContext } from '../tool-context.js';
import { runTool, toolResult } from '../tool-result.js';
import { intervalSchema } from '@agendo/calendar-contract';
import { ToolTimes, dateTimeArg, intervalOut, timeNotesSchema, withTimeNotes } from '../tool-values.js';

const inputSchema = {
  start: dateTimeArg('Start of the time to check'),
  end: dateTimeArg('End of the time to check'),
};
const outputSchema = {
  free: z.boolean(),
  start: z.string(),
  end: z.string(),
  time_zone: z.string(),
  conflicts: z.array(intervalSchema).describe('Busy intervals overlapping the time (no details of other events)'),
  time_notes: timeNotesSchema,
};

/** `check_availability`: whether [start, end) is free in the customer's calendar. */
export function registerCheckAvailability(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'check_availability',
    {
      title: 'Check availability',
      description: "Whether a time is free in the customer's calendar; if not, the busy intervals that overlap it.",
      inputSchema,
      outputSchema,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    },
    (args) =>
      runTool(async () => {
        const timeZone = await ctx.bookings.timeZone(ctx.customerId);
        const times = new ToolTimes(timeZone);
        const range = times.range(['start', 'end'], args.start, args.end, 31);
        const { free, conflicts } = await ctx.bookings.checkAvailability(ctx.customerId, range);
        const window = intervalOut(range, timeZone);
        return toolResult(
          ...withTimeNotes(times, free ? `Free: ${window.start} – ${window.end}.` : `Busy: ${conflicts.length} conflict(s).`, {
            free,
            ...window,
            time_zone: timeZone,
            conflicts: conflicts.map((c) => intervalOut(c, timeZone)),
          }),
        );
      }),
  );
}

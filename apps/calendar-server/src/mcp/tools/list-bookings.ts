import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { ToolContext } from '../tool-context.js';
import { runTool, toolResult } from '../tool-result.js';
import { bookingSchema } from '@agendo/calendar-contract';
import { ToolTimes, bookingOut, dateTimeArg, timeNotesSchema, withTimeNotes } from '../tool-values.js';

const inputSchema = {
  range_start: dateTimeArg('From'),
  range_end: dateTimeArg('Until (at most 366 days after range_start)'),
  include_cancelled: z.boolean().default(false),
};
const outputSchema = { time_zone: z.string(), bookings: z.array(bookingSchema), time_notes: timeNotesSchema };

/** `list_bookings`: the bookings Agendo made for this customer in a range, by start time. */
export function registerListBookings(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'list_bookings',
    {
      title: 'List bookings',
      description: "The bookings Agendo made in the customer's calendar within a range, by start time (other events are not listed).",
      inputSchema,
      outputSchema,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    },
    (args) =>
      runTool(async () => {
        const timeZone = await ctx.bookings.timeZone(ctx.customerId);
        const times = new ToolTimes(timeZone);
        const range = times.range(['range_start', 'range_end'], args.range_start, args.range_end, 366);
        const bookings = await ctx.bookings.listBookings(ctx.customerId, range, args.include_cancelled);
        return toolResult(...withTimeNotes(times, `${bookings.length} booking(s).`, { time_zone: timeZone, bookings: bookings.map((b) => bookingOut(b, timeZone)) }));
      }),
  );
}

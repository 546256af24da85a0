import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { CalendarError } from '../../calendar/calendar-error.js';
import type { ToolContext } from '../tool-context.js';
import { runTool, toolResult } from '../tool-result.js';
import { bookingSchema } from '@agendo/calendar-contract';
import { bookingOut, dateTimeArg, parseDateTime } from '../tool-values.js';

const inputSchema = {
  booking_id: z.string().min(1).max(1024),
  start: dateTimeArg('New start (the duration is kept when no end is given)').optional(),
  end: dateTimeArg('New end').optional(),
  title: z.string().trim().min(1).max(200).optional(),
  notes: z.string().max(4000).nullable().optional(),
};
const outputSchema = { time_zone: z.string(), booking: bookingSchema };

/** `update_booking`: moves or renames one of Agendo's bookings; the new time must be free. */
export function registerUpdateBooking(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'update_booking',
    {
      title: 'Update booking',
      description: 'Moves (new start/end) or renames one of the bookings Agendo made for this customer. A busy new time is refused with the conflicts.',
      inputSchema,
      outputSchema,
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
    },
    (args) =>
      runTool(async () => {
        const timeZone = await ctx.bookings.timeZone(ctx.customerId);
        if (args.start === undefined && args.end === undefined && args.title === undefined && args.notes === undefined) {
          throw new CalendarError('invalid_argument', 'Nothing to change: give start, end, title or notes.');
        }
        const booking = await ctx.bookings.updateBooking(ctx.customerId, args.booking_id, {
          ...(args.start ? { start: parseDateTime(args.start, timeZone) } : {}),
          ...(args.end ? { end: parseDateTime(args.end, timeZone) } : {}),
          ...(args.title !== undefined ? { title: args.title } : {}),
          ...(args.notes !== undefined ? { notes: args.notes } : {}),
        });
        const out = bookingOut(booking, timeZone);
        return toolResult(`Booking now ${out.start} – ${out.end}.`, { time_zone: timeZone, booking: out });
      }, () => ctx.bookings.timeZone(ctx.customerId)),
  );
}

import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { CalendarError } from '../../calendar/calendar-error.js';
import type { ToolContext } from '../tool-context.js';
import { runTool, toolResult } from '../tool-result.js';
import { bookingSchema } from '@agendo/calendar-contract';
import { DEFAULT_BOOKING_HORIZON_DAYS, ToolTimes, bookingOut, dateTimeArg, requireBookable, timeNotesSchema, withTimeNotes } from '../tool-values.js';

const inputSchema = {
  booking_id: z.string().min(1).max(1024),
  start: dateTimeArg('New start (the duration is kept when no end is given)').optional(),
  end: dateTimeArg('New end').optional(),
  title: z.string().trim().min(1).max(200).optional(),
  notes: z.string().max(4000).nullable().optional(),
};
const outputSchema = { time_zone: z.string(), booking: bookingSchema, time_notes: timeNotesSchema };

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
        const times = new ToolTimes(timeZone);
        const start = args.start === undefined ? undefined : times.at('start', args.start);
        const end = args.end === undefined ? undefined : times.at('end', args.end);
        const horizonDays = ctx.bookingHorizonDays ?? DEFAULT_BOOKING_HORIZON_DAYS;
        if (start) requireBookable('start', start, horizonDays, timeZone);
        if (end) requireBookable('end', end, horizonDays + 1, timeZone);
        if (start && end && end <= start) throw new CalendarError('invalid_argument', 'end: end must be after start.');
        const booking = await ctx.bookings.updateBooking(ctx.customerId, args.booking_id, {
          ...(start ? { start } : {}),
          ...(end ? { end } : {}),
          ...(args.title !== undefined ? { title: args.title } : {}),
          ...(args.notes !== undefined ? { notes: args.notes } : {}),
        });
        const out = bookingOut(booking, timeZone);
        return toolResult(...withTimeNotes(times, `Booking now ${out.start} – ${out.end}.`, { time_zone: timeZone, booking: out }));
      }, () => ctx.bookings.timeZone(ctx.customerId)),
  );
}

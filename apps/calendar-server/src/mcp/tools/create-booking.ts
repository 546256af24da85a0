import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { CalendarError } from '../../calendar/calendar-error.js';
import type { ToolContext } from '../tool-context.js';
import { runTool, toolResult } from '../tool-result.js';
import { bookingSchema } from '@agendo/calendar-contract';
import { DEFAULT_BOOKING_HORIZON_DAYS, ToolTimes, bookingOut, checkedRange, dateTimeArg, requireBookable, timeNotesSchema, withTimeNotes } from '../tool-values.js';

const inputSchema = {
  start: dateTimeArg('Start of the booking'),
  end: dateTimeArg('End of the booking (or give duration_minutes)').optional(),
  duration_minutes: z.number().int().min(5).max(24 * 60).optional().describe('Length of the booking when end is not given'),
  title: z.string().trim().min(1).max(200).describe('Event title'),
  notes: z.string().max(4000).optional().describe('Event description'),
  idempotency_key: z
    .string()
    .min(8)
    .max(200)
    .describe('Unique per intended booking (e.g. bound to the proposal the customer confirmed). Repeating a call with the same key returns the same booking and never creates a second one.'),
};
const outputSchema = {
  created: z.boolean().describe('false when this idempotency_key had already made the booking'),
  time_zone: z.string(),
  booking: bookingSchema,
  time_notes: timeNotesSchema,
};

/** `create_booking`: books a free time; idempotent per `idempotency_key`; a busy time is a tool error with the conflicts. */
export function registerCreateBooking(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'create_booking',
    {
      title: 'Create booking',
      description: "Creates a booking in the customer's calendar if the time is free. Needs end or duration_minutes, and an idempotency_key.",
      inputSchema,
      outputSchema,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    },
    (args) =>
      runTool(async () => {
        const timeZone = await ctx.bookings.timeZone(ctx.customerId);
        if ((args.end === undefined) === (args.duration_minutes === undefined)) {
          throw new CalendarError('invalid_argument', 'Give exactly one of end or duration_minutes.');
        }
        const times = new ToolTimes(timeZone);
        const start = times.at('start', args.start);
        const end = args.end === undefined ? new Date(start.getTime() + (args.duration_minutes ?? 0) * 60_000) : times.at('end', args.end);
        const range = checkedRange(['start', 'end'], { start, end }, 1);
        requireBookable('start', range.start, ctx.bookingHorizonDays ?? DEFAULT_BOOKING_HORIZON_DAYS, timeZone);
        const { booking, created } = await ctx.bookings.createBooking(ctx.customerId, {
          ...range,
          title: args.title,
          notes: args.notes ?? null,
          idempotencyKey: args.idempotency_key,
        });
        const out = bookingOut(booking, timeZone);
        return toolResult(
          ...withTimeNotes(times, created ? `Booked ${out.start} – ${out.end}.` : `Already booked earlier with this idempotency_key: ${out.start} – ${out.end}.`, {
            created,
            time_zone: timeZone,
            booking: out,
          }),
        );
      }, () => ctx.bookings.timeZone(ctx.customerId)),
  );
}

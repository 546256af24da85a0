import { createBookingTool } from '@agendo/contracts';
import { defineToolHandler } from '../tool-handler.js';
import { bookingOut, checkedRange, DEFAULT_BOOKING_HORIZON_DAYS, requireBookable, ToolTimes, withTimeNotes } from '../tool-values.js';

/**
 * `create_booking`: books a free time; idempotent per `idempotency_key`; a busy time is a
 * `slot_unavailable` error with the conflicts. The contract guarantees exactly one of end and duration.
 */
export const createBooking = defineToolHandler<'create_booking'>(createBookingTool, async (args, ctx) => {
  const timeZone = await ctx.bookings.timeZone(ctx.customerId);
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
  return withTimeNotes(times, { created, time_zone: timeZone, booking: bookingOut(booking, timeZone) });
});

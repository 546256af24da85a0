import { updateBookingTool } from '@agendo/contracts';
import { InvalidToolArgument } from '../invalid-tool-argument.js';
import { defineToolHandler } from '../tool-handler.js';
import { bookingOut, DEFAULT_BOOKING_HORIZON_DAYS, requireBookable, ToolTimes, withTimeNotes } from '../tool-values.js';

/**
 * `update_booking`: moves or renames one of Agendo's bookings; the new time must be free. The contract
 * guarantees at least one field to change.
 */
export const updateBooking = defineToolHandler<'update_booking'>(updateBookingTool, async (args, ctx) => {
  const timeZone = await ctx.bookings.timeZone(ctx.customerId);
  const times = new ToolTimes(timeZone);
  const start = args.start === undefined ? undefined : times.at('start', args.start);
  const end = args.end === undefined ? undefined : times.at('end', args.end);
  const horizonDays = ctx.bookingHorizonDays ?? DEFAULT_BOOKING_HORIZON_DAYS;
  if (start) requireBookable('start', start, horizonDays, timeZone);
  if (end) requireBookable('end', end, horizonDays + 1, timeZone);
  if (start && end && end <= start) throw InvalidToolArgument.field('end', 'end must be after start.');
  const booking = await ctx.bookings.updateBooking(ctx.customerId, args.booking_id, {
    ...(start ? { start } : {}),
    ...(end ? { end } : {}),
    ...(args.title !== undefined ? { title: args.title } : {}),
    ...(args.notes !== undefined ? { notes: args.notes } : {}),
  });
  return withTimeNotes(times, { time_zone: timeZone, booking: bookingOut(booking, timeZone) });
});

import { listBookingsTool } from '@agendo/contracts';
import { defineToolHandler } from '../tool-handler.js';
import { bookingOut, ToolTimes, withTimeNotes } from '../tool-values.js';

/** `list_bookings`: the bookings Agendo made for this customer in a range, by start time. */
export const listBookings = defineToolHandler<'list_bookings'>(listBookingsTool, async (args, ctx) => {
  const timeZone = await ctx.bookings.timeZone(ctx.customerId);
  const times = new ToolTimes(timeZone);
  const range = times.range(['range_start', 'range_end'], args.range_start, args.range_end, 366);
  const bookings = await ctx.bookings.listBookings(ctx.customerId, range, args.include_cancelled);
  return withTimeNotes(times, { time_zone: timeZone, bookings: bookings.map((b) => bookingOut(b, timeZone)) });
});

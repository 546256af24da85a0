import { checkAvailabilityTool } from '@agendo/contracts';
import { defineToolHandler } from '../tool-handler.js';
import { intervalOut, ToolTimes, withTimeNotes } from '../tool-values.js';

/** `check_availability`: whether [start, end) is free in the customer's calendar. */
export const checkAvailability = defineToolHandler<'check_availability'>(checkAvailabilityTool, async (args, ctx) => {
  const timeZone = await ctx.bookings.timeZone(ctx.customerId);
  const times = new ToolTimes(timeZone);
  const range = times.range(['start', 'end'], args.start, args.end, 31);
  const { free, conflicts } = await ctx.bookings.checkAvailability(ctx.customerId, range);
  return withTimeNotes(times, { free, ...intervalOut(range, timeZone), time_zone: timeZone, conflicts: conflicts.map((c) => intervalOut(c, timeZone)) });
});

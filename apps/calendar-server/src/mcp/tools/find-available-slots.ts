import { findAvailableSlotsTool } from '@agendo/contracts';
import { DEFAULT_WORKING_HOURS } from '../../calendar/available-slots.js';
import { defineToolHandler } from '../tool-handler.js';
import { intervalOut, ToolTimes, withTimeNotes } from '../tool-values.js';

/** `find_available_slots`: free slots of a given length in a range, within working hours, nearest first. */
export const findAvailableSlots = defineToolHandler<'find_available_slots'>(findAvailableSlotsTool, async (args, ctx) => {
  const timeZone = await ctx.bookings.timeZone(ctx.customerId);
  const times = new ToolTimes(timeZone);
  const range = times.range(['range_start', 'range_end'], args.range_start, args.range_end, 31);
  const near = args.near === undefined ? undefined : times.at('near', args.near);
  const slots = await ctx.bookings.findSlots(ctx.customerId, {
    range,
    durationMinutes: args.duration_minutes,
    stepMinutes: args.step_minutes ?? (args.duration_minutes < 30 ? 15 : 30),
    workingHours: args.working_hours ?? DEFAULT_WORKING_HOURS,
    timeZone,
    ...(near ? { near } : {}),
    limit: args.limit,
    now: new Date(),
  });
  return withTimeNotes(times, { time_zone: timeZone, slots: slots.map((s) => intervalOut(s, timeZone)) });
});

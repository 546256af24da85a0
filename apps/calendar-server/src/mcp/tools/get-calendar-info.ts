import { getCalendarInfoTool } from '@agendo/contracts';
import { defineToolHandler } from '../tool-handler.js';
import { formatDateTime } from '../tool-values.js';

/** `get_calendar_info`: the calendar's time zone, the time now there, and the connected email. */
export const getCalendarInfo = defineToolHandler<'get_calendar_info'>(getCalendarInfoTool, async (_args, ctx) => {
  const email = await ctx.tokens.email(ctx.customerId);
  const timeZone = await ctx.bookings.timeZone(ctx.customerId);
  return { customer_id: ctx.customerId, email, time_zone: timeZone, now: formatDateTime(new Date(), timeZone) };
});

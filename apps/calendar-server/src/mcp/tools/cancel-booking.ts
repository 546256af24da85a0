import { cancelBookingTool } from '@agendo/contracts';
import { defineToolHandler } from '../tool-handler.js';
import { bookingOut } from '../tool-values.js';

/** `cancel_booking`: cancels one of Agendo's bookings for this customer; repeating it is harmless. */
export const cancelBooking = defineToolHandler<'cancel_booking'>(cancelBookingTool, async (args, ctx) => {
  const timeZone = await ctx.bookings.timeZone(ctx.customerId);
  const { booking, cancelled } = await ctx.bookings.cancelBooking(ctx.customerId, args.booking_id);
  return { cancelled, time_zone: timeZone, booking: bookingOut(booking, timeZone) };
});

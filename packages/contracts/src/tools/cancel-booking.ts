import { z } from 'zod';
import { bookingSchema } from './booking.js';
import { defineCalendarTool } from './calendar-tool.js';
import { timeZoneOutput } from './date-time.js';

/** `cancel_booking`: cancels one of Agendo's bookings for this customer; repeating it is harmless. */
export const cancelBookingTool = defineCalendarTool({
  name: 'cancel_booking',
  title: 'Cancel booking',
  description: 'Cancels one of the bookings Agendo made for this customer. Other events cannot be cancelled. Repeating it is harmless.',
  inputSchema: z.object({
    booking_id: z.string().min(1).max(1024).describe('The booking to cancel: booking_id from create_booking or list_bookings'),
  }),
  outputSchema: z.object({
    cancelled: z.boolean().describe('false when it was cancelled already (nothing changed)'),
    time_zone: timeZoneOutput,
    booking: bookingSchema,
  }),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
});

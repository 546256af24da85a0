import { z } from 'zod';
import { bookingSchema } from '../tools/booking.js';

/**
 * `GET /api/admin/customers/:id/bookings`: the upcoming bookings Agendo made for the customer, as the
 * calendar's `list_bookings` tool tells (from now, `days` ahead), by start time. `calendar_error` is the
 * tool's error code when the calendar could not answer (e.g. `needs_reauth`); then `bookings` is empty.
 */
export const customerBookingsSchema = z.object({
  from: z.string(),
  to: z.string(),
  bookings: z.array(bookingSchema),
  calendar_error: z.string().nullable(),
});
/** The customer's upcoming bookings. */
export type CustomerBookings = z.infer<typeof customerBookingsSchema>;

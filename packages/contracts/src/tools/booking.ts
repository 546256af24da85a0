import { z } from 'zod';
import { dateTimeOutput } from './date-time.js';

/** A booking as the calendar tools return it: a Google event Agendo made, tagged as Agendo's. */
export const bookingSchema = z
  .object({
    booking_id: z.string().describe('Id of the booking (the Google event id); give it to update_booking or cancel_booking'),
    start: dateTimeOutput('Start of the booking'),
    end: dateTimeOutput('End of the booking'),
    title: z.string().describe('Title of the event in the calendar'),
    // Absent rather than null: a nullable type (`["string","null"]`) is not portable across tool clients.
    notes: z.string().optional().describe('Notes (the event description), when it has any'),
    status: z.enum(['confirmed', 'cancelled']).describe('confirmed, or cancelled (kept in the calendar as cancelled)'),
  })
  .describe('A booking Agendo made in the calendar');
export type BookingOut = z.infer<typeof bookingSchema>;

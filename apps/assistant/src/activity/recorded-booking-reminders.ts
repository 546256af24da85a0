import type { BookingReminders } from '../reminders/booking-reminders.js';
import type { ActivityLog } from './activity-log.js';

/**
 * The embedded engine's booking hooks with the activity log written too: it tells the reminders of every
 * booking it makes, moves and cancels, so the same calls record `booked` / `moved` / `cancelled` — done by
 * the customer, who asked for it in the chat. A failed log write is reported, never fails the booking.
 */
export function recordedBookingReminders(reminders: BookingReminders, activity: ActivityLog, onError: (err: unknown) => void = () => {}): BookingReminders {
  const record = (customerId: string, event: Parameters<ActivityLog['record']>[1]) => activity.record(customerId, event).catch(onError);
  return {
    async booked(customerId, booking) {
      await reminders.booked(customerId, booking);
      await record(customerId, { kind: 'booked', actor: 'customer', bookingId: booking.booking_id, bookingStart: booking.start });
    },
    async moved(customerId, bookingId, newStart) {
      await reminders.moved(customerId, bookingId, newStart);
      await record(customerId, { kind: 'moved', actor: 'customer', bookingId, bookingStart: newStart });
    },
    async cancelled(customerId, bookingId) {
      await reminders.cancelled(customerId, bookingId);
      await record(customerId, { kind: 'cancelled', actor: 'customer', bookingId });
    },
    recentlySent: (customerId, now) => reminders.recentlySent(customerId, now),
  };
}

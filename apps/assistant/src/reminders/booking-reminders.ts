/** A reminder the customer received lately, whose booking a bare «cancelar» refers to. */
export interface RecentReminder {
  readonly bookingId: string;
  readonly bookingStart: string;
}

/**
 * What the conversation tells the reminders about the bookings it makes, moves and cancels, and asks them
 * back (the embedded engine depends on this, not on the table behind it).
 */
export interface BookingReminders {
  /** A booking was made: schedule its reminder (none when the customer's lead is 0). */
  booked(customerId: string, booking: { booking_id: string; start: string }): Promise<void>;
  /** A booking was moved: its reminder follows it. */
  moved(customerId: string, bookingId: string, newStart: string): Promise<void>;
  /** A booking was cancelled: its reminder never goes out. */
  cancelled(customerId: string, bookingId: string): Promise<void>;
  /** The booking of the reminder sent to this customer most recently, if it was sent lately and is still ahead. */
  recentlySent(customerId: string, now: Date): Promise<RecentReminder | undefined>;
}

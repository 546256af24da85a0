import type { calendar_v3 } from '@googleapis/calendar';
import { DateTime } from 'luxon';
import type { Booking, TimeRange } from '../calendar-backend.js';

/** The private extended properties that mark an event as an Agendo booking for one customer. */
export function bookingTags(customerId: string): Record<string, string> {
  return { agendo: 'booking', agendo_customer: customerId };
}

/** `privateExtendedProperty` filters that select one customer's Agendo bookings in `events.list`. */
export function bookingFilter(customerId: string): string[] {
  return Object.entries(bookingTags(customerId)).map(([k, v]) => `${k}=${v}`);
}

/** Whether the event is an Agendo booking made for `customerId`. */
export function isBookingOf(event: calendar_v3.Schema$Event, customerId: string): boolean {
  const tags = event.extendedProperties?.private ?? {};
  return Object.entries(bookingTags(customerId)).every(([k, v]) => tags[k] === v);
}

/** An event's start or end as an instant; all-day dates are midnight in the calendar's time zone. */
export function instantOf(time: calendar_v3.Schema$EventDateTime | undefined, timeZone: string): Date | undefined {
  if (time?.dateTime) return new Date(time.dateTime);
  if (time?.date) return DateTime.fromISO(time.date, { zone: time.timeZone ?? timeZone }).toJSDate();
  return undefined;
}

/** The event's interval when it makes the calendar busy (opaque and not cancelled), else undefined. */
export function busyIntervalOf(event: calendar_v3.Schema$Event, timeZone: string): TimeRange | undefined {
  if (event.status === 'cancelled' || event.transparency === 'transparent') return undefined;
  const start = instantOf(event.start, timeZone);
  const end = instantOf(event.end, timeZone);
  return start && end ? { start, end } : undefined;
}

/** A Google event as a booking. */
export function toBooking(event: calendar_v3.Schema$Event, timeZone: string): Booking {
  const start = instantOf(event.start, timeZone);
  const end = instantOf(event.end, timeZone);
  if (!event.id || !start || !end) throw new Error('Google returned an event without id, start or end');
  return {
    id: event.id,
    start,
    end,
    title: event.summary ?? '',
    notes: event.description ?? null,
    status: event.status === 'cancelled' ? 'cancelled' : 'confirmed',
  };
}

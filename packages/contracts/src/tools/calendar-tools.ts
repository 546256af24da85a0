import type { z } from 'zod';
import { cancelBookingTool } from './cancel-booking.js';
import { checkAvailabilityTool } from './check-availability.js';
import { createBookingTool } from './create-booking.js';
import { findAvailableSlotsTool } from './find-available-slots.js';
import { getCalendarInfoTool } from './get-calendar-info.js';
import { listBookingsTool } from './list-bookings.js';
import { updateBookingTool } from './update-booking.js';

/** Every tool of the MCP Calendar Server by name, in the order `tools/list` gives them. */
export const calendarTools = {
  get_calendar_info: getCalendarInfoTool,
  check_availability: checkAvailabilityTool,
  find_available_slots: findAvailableSlotsTool,
  create_booking: createBookingTool,
  list_bookings: listBookingsTool,
  update_booking: updateBookingTool,
  cancel_booking: cancelBookingTool,
} as const;

/** A tool's name. */
export type CalendarToolName = keyof typeof calendarTools;
/** What a caller sends to tool `N` (defaults may be left out). */
export type CalendarToolInput<N extends CalendarToolName> = z.input<(typeof calendarTools)[N]['inputSchema']>;
/** What tool `N`'s body receives: its arguments after validation, defaults applied. */
export type CalendarToolArgs<N extends CalendarToolName> = z.output<(typeof calendarTools)[N]['inputSchema']>;
/** Tool `N`'s `structuredContent` on success. */
export type CalendarToolOutput<N extends CalendarToolName> = z.output<(typeof calendarTools)[N]['outputSchema']>;

/** Whether `name` is one of the calendar tools. */
export function isCalendarToolName(name: string): name is CalendarToolName {
  return Object.hasOwn(calendarTools, name);
}

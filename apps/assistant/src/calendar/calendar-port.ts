import type { BookingOut, CalendarErrorCode, IntervalOut, ToolErrorDetails, ToolErrorIssue } from '@agendo/contracts';

/**
 * A calendar tool failure, with the server's stable code (`needs_reauth`, `slot_unavailable`, …) and
 * the details of its structured error; `unreachable` when no answer in the contract's terms arrived.
 */
export class CalendarToolError extends Error {
  override readonly name = 'CalendarToolError';
  readonly code: CalendarErrorCode | 'unreachable';
  /** `slot_unavailable`: the busy intervals overlapping the asked time. */
  readonly conflicts: IntervalOut[];
  /** `invalid_argument`: one entry per bad field. */
  readonly issues: ToolErrorIssue[];

  constructor(code: CalendarErrorCode | 'unreachable', message: string, details: ToolErrorDetails = {}) {
    super(message);
    this.code = code;
    this.conflicts = details.conflicts ?? [];
    this.issues = details.issues ?? [];
  }
}

/** The calendar as the conversation needs it: the MCP Calendar Server's tools for one customer. */
export interface CalendarPort {
  info(customerId: string): Promise<{ timeZone: string; now: string; email: string }>;
  checkAvailability(customerId: string, start: string, end: string): Promise<{ free: boolean; conflicts: IntervalOut[] }>;
  findSlots(customerId: string, query: { rangeStart: string; rangeEnd: string; durationMinutes: number; near?: string; limit: number }): Promise<IntervalOut[]>;
  createBooking(customerId: string, booking: { start: string; end: string; title: string; idempotencyKey: string }): Promise<{ booking: BookingOut; created: boolean }>;
  listBookings(customerId: string, rangeStart: string, rangeEnd: string): Promise<BookingOut[]>;
  updateBooking(customerId: string, bookingId: string, start: string, end: string): Promise<BookingOut>;
  cancelBooking(customerId: string, bookingId: string): Promise<BookingOut>;
}

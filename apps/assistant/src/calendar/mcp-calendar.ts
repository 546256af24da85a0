import type { BookingOut } from '@agendo/contracts';
import type { CalendarPort } from './calendar-port.js';
import { CalendarToolsClient } from './calendar-tools-client.js';
import type { McpToolClient } from './mcp-tool-client.js';

/**
 * The calendar as the embedded engine needs it ({@link CalendarPort}): the MCP Calendar Server's tools
 * through the typed {@link CalendarToolsClient}, whose inputs and outputs are the shared contract's.
 */
export class McpCalendar implements CalendarPort {
  readonly #tools: CalendarToolsClient;

  /** Over the typed client, or over a connection (wrapped in one). */
  constructor(tools: CalendarToolsClient | McpToolClient) {
    this.#tools = tools instanceof CalendarToolsClient ? tools : new CalendarToolsClient(tools);
  }

  async info(customerId: string) {
    const r = await this.#tools.getCalendarInfo(customerId);
    return { timeZone: r.time_zone, now: r.now, email: r.email };
  }

  async checkAvailability(customerId: string, start: string, end: string) {
    const { free, conflicts } = await this.#tools.checkAvailability(customerId, { start, end });
    return { free, conflicts };
  }

  async findSlots(customerId: string, q: { rangeStart: string; rangeEnd: string; durationMinutes: number; near?: string; limit: number }) {
    const input = { range_start: q.rangeStart, range_end: q.rangeEnd, duration_minutes: q.durationMinutes, limit: q.limit, ...(q.near ? { near: q.near } : {}) };
    return (await this.#tools.findAvailableSlots(customerId, input)).slots;
  }

  async createBooking(customerId: string, b: { start: string; end: string; title: string; idempotencyKey: string }) {
    const { booking, created } = await this.#tools.createBooking(customerId, { start: b.start, end: b.end, title: b.title, idempotency_key: b.idempotencyKey });
    return { booking, created };
  }

  async listBookings(customerId: string, rangeStart: string, rangeEnd: string): Promise<BookingOut[]> {
    return (await this.#tools.listBookings(customerId, { range_start: rangeStart, range_end: rangeEnd })).bookings;
  }

  async updateBooking(customerId: string, bookingId: string, start: string, end: string): Promise<BookingOut> {
    return (await this.#tools.updateBooking(customerId, { booking_id: bookingId, start, end })).booking;
  }

  async cancelBooking(customerId: string, bookingId: string): Promise<BookingOut> {
    return (await this.#tools.cancelBooking(customerId, { booking_id: bookingId })).booking;
  }
}

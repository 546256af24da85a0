import { type BookingOut, bookingSchema, intervalSchema } from '@agendo/calendar-contract';
import { z } from 'zod';
import type { CalendarPort } from './calendar-port.js';
import type { McpToolClient } from './mcp-tool-client.js';

const infoSchema = z.object({ time_zone: z.string(), now: z.string(), email: z.string() });
const availabilitySchema = z.object({ free: z.boolean(), conflicts: z.array(intervalSchema) });
const slotsSchema = z.object({ slots: z.array(intervalSchema) });
const createdSchema = z.object({ created: z.boolean(), booking: bookingSchema });
const bookingResultSchema = z.object({ booking: bookingSchema });
const bookingsSchema = z.object({ bookings: z.array(bookingSchema) });

/**
 * The calendar as the embedded engine needs it: the MCP Calendar Server's tools, called through
 * {@link McpToolClient}, with their structured results checked against the shared contract.
 */
export class McpCalendar implements CalendarPort {
  readonly #tools: McpToolClient;

  constructor(tools: McpToolClient) {
    this.#tools = tools;
  }

  async info(customerId: string) {
    const r = infoSchema.parse(await this.#tools.call(customerId, 'get_calendar_info', {}));
    return { timeZone: r.time_zone, now: r.now, email: r.email };
  }

  async checkAvailability(customerId: string, start: string, end: string) {
    return availabilitySchema.parse(await this.#tools.call(customerId, 'check_availability', { start, end }));
  }

  async findSlots(customerId: string, q: { rangeStart: string; rangeEnd: string; durationMinutes: number; near?: string; limit: number }) {
    const args = { range_start: q.rangeStart, range_end: q.rangeEnd, duration_minutes: q.durationMinutes, limit: q.limit, ...(q.near ? { near: q.near } : {}) };
    return slotsSchema.parse(await this.#tools.call(customerId, 'find_available_slots', args)).slots;
  }

  async createBooking(customerId: string, b: { start: string; end: string; title: string; idempotencyKey: string }) {
    return createdSchema.parse(await this.#tools.call(customerId, 'create_booking', { start: b.start, end: b.end, title: b.title, idempotency_key: b.idempotencyKey }));
  }

  async listBookings(customerId: string, rangeStart: string, rangeEnd: string): Promise<BookingOut[]> {
    return bookingsSchema.parse(await this.#tools.call(customerId, 'list_bookings', { range_start: rangeStart, range_end: rangeEnd })).bookings;
  }

  async updateBooking(customerId: string, bookingId: string, start: string, end: string): Promise<BookingOut> {
    return bookingResultSchema.parse(await this.#tools.call(customerId, 'update_booking', { booking_id: bookingId, start, end })).booking;
  }

  async cancelBooking(customerId: string, bookingId: string): Promise<BookingOut> {
    return bookingResultSchema.parse(await this.#tools.call(customerId, 'cancel_booking', { booking_id: bookingId })).booking;
  }
}

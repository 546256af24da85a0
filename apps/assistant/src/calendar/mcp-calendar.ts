import { type BookingOut, type CalendarErrorCode, bookingSchema, calendarErrorCodes, intervalSchema } from '@agendo/calendar-contract';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { z } from 'zod';
import { type CalendarPort, CalendarToolError } from './calendar-port.js';

const infoSchema = z.object({ time_zone: z.string(), now: z.string(), email: z.string() });
const availabilitySchema = z.object({ free: z.boolean(), conflicts: z.array(intervalSchema) });
const slotsSchema = z.object({ slots: z.array(intervalSchema) });
const createdSchema = z.object({ created: z.boolean(), booking: bookingSchema });
const bookingResultSchema = z.object({ booking: bookingSchema });
const bookingsSchema = z.object({ bookings: z.array(bookingSchema) });

/** Where the MCP Calendar Server is, and its API key. */
export interface McpCalendarOptions {
  readonly url: string;
  readonly apiKey: string;
}

/**
 * The calendar through the MCP Calendar Server's tools, with the official MCP client over Streamable
 * HTTP (`Authorization` + `X-Customer-Id`). One client per customer is kept (the server is
 * stateless, so a client stays valid). Tool errors become {@link CalendarToolError}s.
 */
export class McpCalendar implements CalendarPort {
  readonly #options: McpCalendarOptions;
  readonly #clients = new Map<string, Promise<Client>>();

  constructor(options: McpCalendarOptions) {
    this.#options = options;
  }

  async info(customerId: string) {
    const r = infoSchema.parse(await this.#call(customerId, 'get_calendar_info', {}));
    return { timeZone: r.time_zone, now: r.now, email: r.email };
  }

  async checkAvailability(customerId: string, start: string, end: string) {
    return availabilitySchema.parse(await this.#call(customerId, 'check_availability', { start, end }));
  }

  async findSlots(customerId: string, q: { rangeStart: string; rangeEnd: string; durationMinutes: number; near?: string; limit: number }) {
    const args = { range_start: q.rangeStart, range_end: q.rangeEnd, duration_minutes: q.durationMinutes, limit: q.limit, ...(q.near ? { near: q.near } : {}) };
    return slotsSchema.parse(await this.#call(customerId, 'find_available_slots', args)).slots;
  }

  async createBooking(customerId: string, b: { start: string; end: string; title: string; idempotencyKey: string }) {
    return createdSchema.parse(await this.#call(customerId, 'create_booking', { start: b.start, end: b.end, title: b.title, idempotency_key: b.idempotencyKey }));
  }

  async listBookings(customerId: string, rangeStart: string, rangeEnd: string): Promise<BookingOut[]> {
    return bookingsSchema.parse(await this.#call(customerId, 'list_bookings', { range_start: rangeStart, range_end: rangeEnd })).bookings;
  }

  async updateBooking(customerId: string, bookingId: string, start: string, end: string): Promise<BookingOut> {
    return bookingResultSchema.parse(await this.#call(customerId, 'update_booking', { booking_id: bookingId, start, end })).booking;
  }

  async cancelBooking(customerId: string, bookingId: string): Promise<BookingOut> {
    return bookingResultSchema.parse(await this.#call(customerId, 'cancel_booking', { booking_id: bookingId })).booking;
  }

  /** Closes every client. */
  async close(): Promise<void> {
    const clients = [...this.#clients.values()];
    this.#clients.clear();
    await Promise.all(clients.map(async (c) => (await c.catch(() => undefined))?.close()));
  }

  async #call(customerId: string, name: string, args: Record<string, unknown>): Promise<unknown> {
    let result;
    try {
      const client = await this.#client(customerId);
      result = await client.callTool({ name, arguments: args });
    } catch (err) {
      this.#clients.delete(customerId);
      throw new CalendarToolError('unreachable', `The MCP Calendar Server did not answer ${name}: ${(err as Error).message}`);
    }
    if (result.isError) throw toolError(result.content);
    return result.structuredContent;
  }

  #client(customerId: string): Promise<Client> {
    let client = this.#clients.get(customerId);
    if (!client) {
      if (this.#clients.size >= 500) {
        const oldest = this.#clients.keys().next().value;
        if (oldest !== undefined) {
          void this.#clients.get(oldest)?.then((c) => c.close()).catch(() => undefined);
          this.#clients.delete(oldest);
        }
      }
      client = (async () => {
        const c = new Client({ name: 'agendo-assistant', version: '0.1.0' });
        const transport = new StreamableHTTPClientTransport(new URL(`${this.#options.url}/mcp`), {
          requestInit: { headers: { authorization: `Bearer ${this.#options.apiKey}`, 'x-customer-id': customerId } },
        });
        await c.connect(transport);
        return c;
      })();
      client.catch(() => this.#clients.delete(customerId));
      this.#clients.set(customerId, client);
    }
    return client;
  }
}

const errorDetailSchema = z.object({ error: z.object({ code: z.string(), message: z.string(), conflicts: z.array(intervalSchema).optional() }) });

function toolError(content: unknown): CalendarToolError {
  const text = Array.isArray(content) ? content.map((c: { text?: string }) => c.text ?? '').join('\n') : '';
  const json = text.slice(text.indexOf('\n') + 1);
  let detail: z.infer<typeof errorDetailSchema> | undefined;
  try {
    detail = errorDetailSchema.parse(JSON.parse(json));
  } catch {
    detail = undefined;
  }
  const code = detail?.error.code ?? text.split(':')[0] ?? '';
  const known = (calendarErrorCodes as readonly string[]).includes(code) ? (code as CalendarErrorCode) : 'invalid_argument';
  return new CalendarToolError(known, detail?.error.message ?? text, detail?.error.conflicts ?? []);
}

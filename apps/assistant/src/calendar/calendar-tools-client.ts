import { type CalendarToolInput, type CalendarToolName, type CalendarToolOutput, calendarTools, isCalendarToolName } from '@agendo/contracts';
import { CalendarToolError } from './calendar-port.js';
import type { McpToolClient, McpToolDescription } from './mcp-tool-client.js';

/**
 * The MCP Calendar Server's tools, typed by the shared contract: each method takes the tool's input
 * type and resolves to its output, parsed with the tool's output schema (an answer outside it is an
 * `unreachable` {@link CalendarToolError}: nothing reliable is known). Failures are
 * {@link CalendarToolError}s with the server's code. The one way both engines call the calendar —
 * the embedded engine through `McpCalendar`, the LLM engine's proposal and guarded tools directly —
 * over {@link McpToolClient}'s connections.
 */
export class CalendarToolsClient {
  readonly #mcp: McpToolClient;

  constructor(mcp: McpToolClient) {
    this.#mcp = mcp;
  }

  /** Calls tool `name` for `customerId` with its contract's input; resolves to its contract's output. */
  async call<N extends CalendarToolName>(customerId: string, name: N, input: CalendarToolInput<N>): Promise<CalendarToolOutput<N>> {
    const structured = await this.#mcp.call(customerId, name, input as Record<string, unknown>);
    const parsed = calendarTools[name].outputSchema.safeParse(structured);
    if (!parsed.success) throw new CalendarToolError('unreachable', `The MCP Calendar Server answered ${name} outside its output schema: ${parsed.error.message}`);
    return parsed.data as CalendarToolOutput<N>;
  }

  /**
   * Calls a tool by a name known only at run time (the LLM engine's read tools, with the model's
   * arguments, which the server validates): a contract tool's answer is still parsed with its schema.
   */
  async callByName(customerId: string, name: string, args: Record<string, unknown>): Promise<Record<string, unknown>> {
    if (isCalendarToolName(name)) return this.call(customerId, name, args as never);
    return this.#mcp.call(customerId, name, args);
  }

  /** The server's tools as `tools/list` describes them (for the model). */
  listTools(customerId: string): Promise<McpToolDescription[]> {
    return this.#mcp.listTools(customerId);
  }

  getCalendarInfo(customerId: string): Promise<CalendarToolOutput<'get_calendar_info'>> {
    return this.call(customerId, 'get_calendar_info', {});
  }

  checkAvailability(customerId: string, input: CalendarToolInput<'check_availability'>): Promise<CalendarToolOutput<'check_availability'>> {
    return this.call(customerId, 'check_availability', input);
  }

  findAvailableSlots(customerId: string, input: CalendarToolInput<'find_available_slots'>): Promise<CalendarToolOutput<'find_available_slots'>> {
    return this.call(customerId, 'find_available_slots', input);
  }

  createBooking(customerId: string, input: CalendarToolInput<'create_booking'>): Promise<CalendarToolOutput<'create_booking'>> {
    return this.call(customerId, 'create_booking', input);
  }

  listBookings(customerId: string, input: CalendarToolInput<'list_bookings'>): Promise<CalendarToolOutput<'list_bookings'>> {
    return this.call(customerId, 'list_bookings', input);
  }

  updateBooking(customerId: string, input: CalendarToolInput<'update_booking'>): Promise<CalendarToolOutput<'update_booking'>> {
    return this.call(customerId, 'update_booking', input);
  }

  cancelBooking(customerId: string, input: CalendarToolInput<'cancel_booking'>): Promise<CalendarToolOutput<'cancel_booking'>> {
    return this.call(customerId, 'cancel_booking', input);
  }
}

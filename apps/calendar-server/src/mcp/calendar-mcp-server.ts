import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import type { ToolContext } from './tool-context.js';
import { registerCancelBooking } from './tools/cancel-booking.js';
import { registerCheckAvailability } from './tools/check-availability.js';
import { registerCreateBooking } from './tools/create-booking.js';
import { registerFindAvailableSlots } from './tools/find-available-slots.js';
import { registerGetCalendarInfo } from './tools/get-calendar-info.js';
import { registerListBookings } from './tools/list-bookings.js';
import { registerUpdateBooking } from './tools/update-booking.js';

/**
 * One JSON Schema validator for every request: the SDK would otherwise build a new Ajv instance per
 * server, i.e. per stateless request (a tenth of the CPU time of a tool call in `npm run bench`).
 */
const sharedValidator = new AjvJsonSchemaValidator();

/** An MCP server with the calendar tools, bound to one customer's calendar (one per request: stateless). */
export function createCalendarMcpServer(context: ToolContext): McpServer {
  const server = new McpServer(
    { name: 'agendo-calendar', version: '0.1.0' },
    {
      instructions: 'Calendar tools scoped to the customer named in X-Customer-Id. Times are RFC 3339; without an offset the calendar time zone applies (see get_calendar_info).',
      jsonSchemaValidator: sharedValidator,
    },
  );
  registerGetCalendarInfo(server, context);
  registerCheckAvailability(server, context);
  registerFindAvailableSlots(server, context);
  registerCreateBooking(server, context);
  registerListBookings(server, context);
  registerUpdateBooking(server, context);
  registerCancelBooking(server, context);
  // The SDK advertises tools.listChanged for any server with tools; a stateless server can never send
  // that notification (there is no stream to send it on), so it says so.
  server.server.registerCapabilities({ tools: { listChanged: false } });
  return server;
}

import { calendarTools } from '@agendo/contracts';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ListToolsRequestSchema, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import { z } from 'zod';
import { callCalendarTool } from './tool-call.js';
import type { ToolContext } from './tool-context.js';
import type { ToolHandler } from './tool-handler.js';
import { cancelBooking } from './tools/cancel-booking.js';
import { checkAvailability } from './tools/check-availability.js';
import { createBooking } from './tools/create-booking.js';
import { findAvailableSlots } from './tools/find-available-slots.js';
import { getCalendarInfo } from './tools/get-calendar-info.js';
import { listBookings } from './tools/list-bookings.js';
import { updateBooking } from './tools/update-booking.js';

/** Every tool's body, by name. */
const handlers: ReadonlyMap<string, ToolHandler> = new Map(
  [getCalendarInfo, checkAvailability, findAvailableSlots, createBooking, listBookings, updateBooking, cancelBooking].map((h) => [h.contract.name, h as unknown as ToolHandler]),
);

/**
 * `tools/list`, built once: each contract's schemas as JSON Schema (draft-07, as the SDK's McpServer
 * emits them: inputs as accepted, outputs as produced), with its annotations.
 */
const toolList: Tool[] = Object.values(calendarTools).map((tool) => ({
  name: tool.name,
  title: tool.title,
  description: tool.description,
  inputSchema: z.toJSONSchema(tool.inputSchema, { target: 'draft-7', io: 'input' }) as Tool['inputSchema'],
  outputSchema: z.toJSONSchema(tool.outputSchema, { target: 'draft-7', io: 'output' }) as Tool['outputSchema'],
  annotations: { ...tool.annotations },
}));

/**
 * One JSON Schema validator for every request: the SDK would otherwise build a new Ajv instance per
 * server, i.e. per stateless request (a tenth of the CPU time of a tool call in `npm run bench`).
 */
const sharedValidator = new AjvJsonSchemaValidator();

/**
 * An MCP server with the calendar tools, bound to one customer's calendar (one per request:
 * stateless). The SDK's low-level `Server` rather than `McpServer`: tools are listed from the contract
 * and every call goes through {@link callCalendarTool}, so validation failures and unexpected errors
 * take the shapes the contract promises instead of McpServer's text-only errors. `tools.listChanged`
 * is not advertised: a stateless server has no stream to send it on.
 */
export function createCalendarMcpServer(context: ToolContext): Server {
  const server = new Server(
    { name: 'agendo-calendar', version: '0.1.0' },
    {
      capabilities: { tools: { listChanged: false } },
      instructions: 'Calendar tools scoped to the customer named in X-Customer-Id. Times are RFC 3339; without an offset the calendar time zone applies (see get_calendar_info).',
      jsonSchemaValidator: sharedValidator,
    },
  );
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: toolList }));
  server.setRequestHandler(CallToolRequestSchema, (request) => callCalendarTool(handlers, request.params.name, request.params.arguments, context));
  return server;
}

import { type JSONSchema7, jsonSchema, type ToolSet, tool } from 'ai';
import type { CalendarToolsClient } from '../calendar/calendar-tools-client.js';
import type { McpToolDescription } from '../calendar/mcp-tool-client.js';
import { callCalendar } from './calendar-call.js';
import type { LlmTurn } from './llm-turn.js';

/** The MCP tools that change the calendar: never handed to the model as they are (see `guarded-tools.ts`). */
export const GUARDED_TOOL_NAMES: ReadonlySet<string> = new Set(['create_booking', 'update_booking', 'cancel_booking']);

/**
 * The MCP Calendar Server's other tools (`get_calendar_info`, `check_availability`,
 * `find_available_slots`, `list_bookings`, …) as AI SDK tools for this turn: the server's own
 * description and input JSON Schema (listed generically for the model), each call made through the
 * typed client for the turn's customer.
 */
export function calendarTools(client: CalendarToolsClient, turn: LlmTurn, descriptions: readonly McpToolDescription[]): ToolSet {
  const tools: ToolSet = {};
  for (const d of descriptions) {
    if (GUARDED_TOOL_NAMES.has(d.name)) continue;
    tools[d.name] = tool({
      description: d.description,
      inputSchema: jsonSchema<Record<string, unknown>>(d.inputSchema as JSONSchema7),
      execute: (args) => callCalendar(turn, () => client.callByName(turn.customer.customer_id, d.name, args ?? {})),
    });
  }
  return tools;
}

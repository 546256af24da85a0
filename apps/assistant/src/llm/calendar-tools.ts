import { type JSONSchema7, type ToolSet, jsonSchema, tool } from 'ai';
import { callCalendar } from './calendar-call.js';
import type { LlmTurn } from './llm-turn.js';
import type { McpToolClient, McpToolDescription } from '../calendar/mcp-tool-client.js';

/** The MCP tools that change the calendar: never handed to the model as they are (see `guarded-tools.ts`). */
export const GUARDED_TOOL_NAMES: ReadonlySet<string> = new Set(['create_booking', 'update_booking', 'cancel_booking']);

/**
 * The MCP Calendar Server's other tools (`get_calendar_info`, `check_availability`,
 * `find_available_slots`, `list_bookings`, …) as AI SDK tools for this turn: the server's own
 * description and input JSON Schema, executed as a `tools/call` for the turn's customer.
 */
export function calendarTools(mcp: McpToolClient, turn: LlmTurn, descriptions: readonly McpToolDescription[]): ToolSet {
  const tools: ToolSet = {};
  for (const d of descriptions) {
    if (GUARDED_TOOL_NAMES.has(d.name)) continue;
    tools[d.name] = tool({
      description: d.description,
      inputSchema: jsonSchema<Record<string, unknown>>(d.inputSchema as JSONSchema7),
      execute: (args) => callCalendar(mcp, turn, d.name, args ?? {}),
    });
  }
  return tools;
}

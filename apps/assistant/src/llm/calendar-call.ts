import { CalendarToolError } from '../calendar/calendar-port.js';
import type { LlmTurn } from './llm-turn.js';
import type { McpToolClient } from '../calendar/mcp-tool-client.js';

/** Failures the model cannot work around: the turn ends and the customer is told plainly. */
const TURN_ENDING_CODES: ReadonlySet<CalendarToolError['code']> = new Set(['not_connected', 'needs_reauth', 'unreachable']);

/**
 * Calls an MCP Calendar Server tool for the turn's customer. A failure is re-thrown as an error the
 * model reads (`code: message`); one that no retry can fix is also recorded on the turn, which ends it.
 */
export async function callCalendar(mcp: McpToolClient, turn: LlmTurn, name: string, args: Record<string, unknown>): Promise<Record<string, unknown>> {
  try {
    return await mcp.call(turn.customer.customer_id, name, args);
  } catch (err) {
    if (!(err instanceof CalendarToolError)) throw err;
    if (TURN_ENDING_CODES.has(err.code)) turn.calendarProblem ??= err;
    throw new Error(`${err.code}: ${err.message}`, { cause: err });
  }
}

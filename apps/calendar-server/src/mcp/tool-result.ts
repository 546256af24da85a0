import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { SlotUnavailableError } from '../calendar/booking-service.js';
import { CalendarError } from '../calendar/calendar-error.js';
import { intervalOut } from './tool-values.js';

/** A successful tool result: `structuredContent`, mirrored as JSON text for clients that read only text. */
export function toolResult<T extends Record<string, unknown>>(summary: string, structured: T): CallToolResult & { structuredContent: T } {
  return { content: [{ type: 'text', text: `${summary}\n${JSON.stringify(structured)}` }], structuredContent: structured };
}

/**
 * Runs a tool body and turns calendar failures into tool errors (`isError`) whose text starts with a
 * stable code and says, in words the assistant can relay, what happened and what to do.
 */
export async function runTool<T extends Record<string, unknown>>(body: () => Promise<CallToolResult & { structuredContent: T }>, timeZone?: () => Promise<string>): Promise<CallToolResult> {
  try {
    return await body();
  } catch (err) {
    if (!(err instanceof CalendarError)) throw err;
    const detail: Record<string, unknown> = { code: err.code, message: err.message };
    if (err instanceof SlotUnavailableError) {
      const tz = timeZone ? await timeZone().catch(() => 'UTC') : 'UTC';
      detail.conflicts = err.conflicts.map((c) => intervalOut(c, tz));
    }
    return { isError: true, content: [{ type: 'text', text: `${err.code}: ${err.message}\n${JSON.stringify({ error: detail })}` }] };
  }
}

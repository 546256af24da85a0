import type { CalendarToolName } from '@agendo/contracts';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { SlotUnavailableError } from '../calendar/booking-service.js';
import { CalendarError } from '../calendar/calendar-error.js';
import { InvalidToolArgument } from './invalid-tool-argument.js';
import type { ToolContext } from './tool-context.js';
import type { ToolHandler } from './tool-handler.js';
import { toolFailure, toolSuccess } from './tool-result.js';
import { intervalOut } from './tool-values.js';

/** What a client is told when a tool fails in a way no code foresaw (the cause goes to the log only). */
const INTERNAL_MESSAGE = 'Internal error: the calendar tool failed unexpectedly; nothing is known to have changed.';

/**
 * Runs one `tools/call` — the whole MCP side of a tool, in one place:
 * - an unknown tool is the protocol error -32602 (the spec's example of a protocol error);
 * - arguments are validated with the contract's input schema; a failure is a tool error
 *   `invalid_argument` with one `details.issues` entry per bad field (tool execution errors are what a
 *   model can read and correct, which the spec asks of input validation);
 * - a `CalendarError` is a tool error with its stable code (and the conflicts of a busy slot);
 * - anything else — a bug, or an answer that breaks the tool's own output schema — is JSON-RPC -32603
 *   (an internal error of the server, not a result about the calendar), logged with its cause.
 */
export async function callCalendarTool(handlers: ReadonlyMap<string, ToolHandler>, name: string, args: unknown, ctx: ToolContext): Promise<CallToolResult> {
  const handler = handlers.get(name) as ToolHandler<CalendarToolName> | undefined;
  if (!handler) throw new McpError(ErrorCode.InvalidParams, `Tool ${name} not found`);
  try {
    const parsed = handler.contract.inputSchema.safeParse(args ?? {});
    if (!parsed.success) throw InvalidToolArgument.fromZod(parsed.error.issues);
    const output = await handler.run(parsed.data as never, ctx);
    const checked = handler.contract.outputSchema.safeParse(output);
    if (!checked.success) throw new Error(`${name} answered outside its output schema: ${checked.error.message}`);
    return toolSuccess(output as Record<string, unknown>);
  } catch (err) {
    if (err instanceof InvalidToolArgument) return toolFailure({ code: err.code, message: err.message, details: { issues: [...err.issues] } });
    if (err instanceof SlotUnavailableError) {
      const timeZone = await ctx.bookings.timeZone(ctx.customerId).catch(() => 'UTC');
      return toolFailure({ code: err.code, message: err.message, details: { conflicts: err.conflicts.map((c) => intervalOut(c, timeZone)) } });
    }
    if (err instanceof CalendarError) return toolFailure({ code: err.code, message: err.message });
    ctx.log?.error({ err, tool: name }, 'calendar tool failed unexpectedly');
    throw new McpError(ErrorCode.InternalError, INTERNAL_MESSAGE);
  }
}

import type { CalendarToolArgs, CalendarToolName, CalendarToolOutput, calendarTools } from '@agendo/contracts';
import type { ToolContext } from './tool-context.js';

/**
 * A tool's server side: its contract (from `@agendo/contracts`) and the body that runs it with
 * validated arguments. The body returns the success output or throws a `CalendarError`; everything
 * else about the MCP result (validation, error payloads, JSON-RPC errors) is the dispatcher's.
 */
export interface ToolHandler<N extends CalendarToolName = CalendarToolName> {
  readonly contract: (typeof calendarTools)[N];
  run(args: CalendarToolArgs<N>, ctx: ToolContext): Promise<CalendarToolOutput<N>>;
}

/** Declares a tool's body against its contract, keeping the types tied to the tool's name. */
export function defineToolHandler<N extends CalendarToolName>(contract: (typeof calendarTools)[N], run: ToolHandler<N>['run']): ToolHandler<N> {
  return { contract, run };
}

import type { z } from 'zod';

/** What MCP's `annotations` say about a tool (hints for clients; the server never relies on them). */
export interface CalendarToolAnnotations {
  readonly readOnlyHint: boolean;
  readonly destructiveHint: boolean;
  readonly idempotentHint: boolean;
  readonly openWorldHint: boolean;
}

/**
 * One MCP tool's contract, declared once for both ends: the server registers it and validates with
 * it, the assistant's typed client calls with its input type and parses answers with its output schema.
 */
export interface CalendarToolContract<Name extends string = string, In extends z.ZodObject = z.ZodObject, Out extends z.ZodObject = z.ZodObject> {
  readonly name: Name;
  readonly title: string;
  readonly description: string;
  readonly inputSchema: In;
  readonly outputSchema: Out;
  readonly annotations: CalendarToolAnnotations;
}

/** Declares a tool's contract, keeping its exact name and schema types. */
export function defineCalendarTool<const Name extends string, In extends z.ZodObject, Out extends z.ZodObject>(
  contract: CalendarToolContract<Name, In, Out>,
): CalendarToolContract<Name, In, Out> {
  return contract;
}

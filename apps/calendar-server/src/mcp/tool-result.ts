import type { ToolError } from '@agendo/contracts';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

/**
 * A successful tool result: `structuredContent`, and as its text block exactly the same JSON (the MCP
 * spec's recommendation for clients that read only text).
 */
export function toolSuccess<T extends Record<string, unknown>>(structured: T): CallToolResult & { structuredContent: T } {
  return { content: [{ type: 'text', text: JSON.stringify(structured) }], structuredContent: structured };
}

/**
 * A tool error (`isError`): its text block is the JSON `{"error":{code,message,details?}}`
 * (`toolErrorSchema` of the contract). No `structuredContent`: it would have to match the tool's output
 * schema, which describes a success, and the official client validates it even on errors.
 */
export function toolFailure(error: ToolError): CallToolResult {
  return { isError: true, content: [{ type: 'text', text: JSON.stringify({ error }) }] };
}

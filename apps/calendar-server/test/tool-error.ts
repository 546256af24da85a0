import { type ToolError, toolErrorSchema } from '@agendo/contracts';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';

type ToolCallResult = Awaited<ReturnType<Client['callTool']>>;

/**
 * The structured error of a failed tool call, read as any client would: the JSON text block of the
 * `isError` result, checked against the contract's error schema. Throws when the call did not fail,
 * when the text is not that JSON, or when a `structuredContent` came along (it must not: it would have
 * to match the tool's success schema).
 */
export function toolError(result: ToolCallResult): ToolError {
  if (!result.isError) throw new Error(`expected a tool error, got ${JSON.stringify(result.structuredContent)}`);
  if (result.structuredContent !== undefined) throw new Error(`a tool error carried structuredContent: ${JSON.stringify(result.structuredContent)}`);
  const blocks = result.content as { type: string; text?: string }[];
  if (blocks.length !== 1 || blocks[0]?.type !== 'text') throw new Error(`expected one text block, got ${JSON.stringify(blocks)}`);
  return toolErrorSchema.parse(JSON.parse(blocks[0].text ?? '')).error;
}

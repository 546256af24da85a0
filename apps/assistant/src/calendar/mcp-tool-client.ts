import { type CalendarErrorCode, calendarErrorCodes, intervalSchema } from '@agendo/calendar-contract';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { z } from 'zod';
import { CalendarToolError } from './calendar-port.js';

/** One tool the MCP Calendar Server offers, as `tools/list` describes it. */
export interface McpToolDescription {
  readonly name: string;
  readonly description: string;
  /** The tool's input JSON Schema (an object schema). */
  readonly inputSchema: Record<string, unknown>;
}

/** Where the MCP Calendar Server is, its API key, and how long a tool call may take. */
export interface McpToolClientOptions {
  readonly url: string;
  readonly apiKey: string;
  /**
   * Gives up on a tool call after this long (default {@link DEFAULT_MCP_CALL_TIMEOUT_MS}). It must be
   * longer than the server's own deadline per call (`TOOL_DEADLINE_MS`, 25 s), so the server's answer —
   * an unknown outcome to retry with the same idempotency key — arrives before the client stops waiting.
   */
  readonly callTimeoutMs?: number;
}

/** A tool call's timeout when none is given: the server's 25 s deadline plus a margin. */
export const DEFAULT_MCP_CALL_TIMEOUT_MS = 30_000;

const TOOL_LIST_TTL_MS = 10 * 60_000;
const MAX_CLIENTS = 500;

/**
 * Generic access to the MCP Calendar Server's tools (for both engines): `tools/list` and
 * `tools/call` through the official MCP client over Streamable HTTP, one client per customer
 * (headers `Authorization: Bearer <MCP_API_KEY>` and `X-Customer-Id`). A tool error (`isError`,
 * text `code: message`) or an unreachable server becomes a {@link CalendarToolError}.
 */
export class McpToolClient {
  readonly #options: McpToolClientOptions;
  readonly #clients = new Map<string, Promise<Client>>();
  #tools: { readonly at: number; readonly list: Promise<McpToolDescription[]> } | undefined;

  constructor(options: McpToolClientOptions) {
    this.#options = options;
  }

  /** The server's tools (the same for every customer; cached for a few minutes). */
  async listTools(customerId: string): Promise<McpToolDescription[]> {
    if (this.#tools && Date.now() - this.#tools.at < TOOL_LIST_TTL_MS) return this.#tools.list;
    const list = (async () => {
      try {
        const { tools } = await (await this.#client(customerId)).listTools();
        return tools.map((t) => ({ name: t.name, description: t.description ?? t.title ?? t.name, inputSchema: t.inputSchema as Record<string, unknown> }));
      } catch (err) {
        this.#clients.delete(customerId);
        throw new CalendarToolError('unreachable', `The MCP Calendar Server did not list its tools: ${(err as Error).message}`);
      }
    })();
    this.#tools = { at: Date.now(), list };
    list.catch(() => (this.#tools = undefined));
    return list;
  }

  /** Calls a tool for `customerId`; resolves to its structured result. */
  async call(customerId: string, name: string, args: Record<string, unknown>): Promise<Record<string, unknown>> {
    let result;
    try {
      result = await (await this.#client(customerId)).callTool({ name, arguments: args }, undefined, { timeout: this.#options.callTimeoutMs ?? DEFAULT_MCP_CALL_TIMEOUT_MS });
    } catch (err) {
      this.#clients.delete(customerId);
      throw new CalendarToolError('unreachable', `The MCP Calendar Server did not answer ${name}: ${(err as Error).message}`);
    }
    const text = Array.isArray(result.content) ? result.content.map((c: { text?: string }) => c.text ?? '').join('\n') : '';
    if (result.isError) throw toolError(text);
    const structured = result.structuredContent;
    if (structured && typeof structured === 'object') return structured as Record<string, unknown>;
    return { text };
  }

  /** Closes every client. */
  async close(): Promise<void> {
    const clients = [...this.#clients.values()];
    this.#clients.clear();
    await Promise.all(clients.map(async (c) => (await c.catch(() => undefined))?.close()));
  }

  #client(customerId: string): Promise<Client> {
    let client = this.#clients.get(customerId);
    if (!client) {
      if (this.#clients.size >= MAX_CLIENTS) {
        const oldest = this.#clients.keys().next().value;
        if (oldest !== undefined) {
          void this.#clients.get(oldest)?.then((c) => c.close()).catch(() => undefined);
          this.#clients.delete(oldest);
        }
      }
      client = (async () => {
        const c = new Client({ name: 'agendo-assistant-llm', version: '0.1.0' });
        const transport = new StreamableHTTPClientTransport(new URL(`${this.#options.url}/mcp`), {
          requestInit: { headers: { authorization: `Bearer ${this.#options.apiKey}`, 'x-customer-id': customerId } },
        });
        await c.connect(transport);
        return c;
      })();
      client.catch(() => this.#clients.delete(customerId));
      this.#clients.set(customerId, client);
    }
    return client;
  }
}

const errorDetailSchema = z.object({ error: z.object({ code: z.string(), message: z.string(), conflicts: z.array(intervalSchema).optional() }) });

/** `code: message\n{"error":{…}}` → a {@link CalendarToolError} with the server's code (and conflicts, if any). */
function toolError(text: string): CalendarToolError {
  const firstLine = text.split('\n')[0] ?? '';
  const separator = firstLine.indexOf(':');
  let detail: z.infer<typeof errorDetailSchema>['error'] | undefined;
  try {
    detail = errorDetailSchema.parse(JSON.parse(text.slice(text.indexOf('\n') + 1))).error;
  } catch {
    detail = undefined;
  }
  const code = detail?.code ?? (separator > 0 ? firstLine.slice(0, separator).trim() : '');
  const message = detail?.message ?? (separator > 0 ? firstLine.slice(separator + 1).trim() : firstLine);
  const known = (calendarErrorCodes as readonly string[]).includes(code) ? (code as CalendarErrorCode) : 'invalid_argument';
  return new CalendarToolError(known, message || text, detail?.conflicts ?? []);
}

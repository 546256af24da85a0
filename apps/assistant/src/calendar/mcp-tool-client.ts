import { toolErrorSchema } from '@agendo/contracts';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
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
 * The connection to the MCP Calendar Server's tools, under the typed {@link CalendarToolsClient} both
 * engines use: `tools/list` and `tools/call` through the official MCP client over Streamable HTTP, one
 * client per customer (headers `Authorization: Bearer <MCP_API_KEY>` and `X-Customer-Id`). A tool error
 * (`isError`, its text the contract's `{"error":{code,message,details}}`) or an unreachable server
 * becomes a {@link CalendarToolError}.
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

  /** Calls a tool for `customerId`; resolves to its (unchecked) `structuredContent`. */
  async call(customerId: string, name: string, args: Record<string, unknown>): Promise<Record<string, unknown>> {
    let result;
    try {
      result = await (await this.#client(customerId)).callTool({ name, arguments: args }, undefined, { timeout: this.#options.callTimeoutMs ?? DEFAULT_MCP_CALL_TIMEOUT_MS });
    } catch (err) {
      this.#clients.delete(customerId);
      throw new CalendarToolError('unreachable', `The MCP Calendar Server did not answer ${name}: ${(err as Error).message}`);
    }
    const text = Array.isArray(result.content) ? result.content.map((c: { text?: string }) => c.text ?? '').join('\n') : '';
    if (result.isError) throw toolError(name, text);
    const structured = result.structuredContent;
    if (structured && typeof structured === 'object') return structured as Record<string, unknown>;
    throw new CalendarToolError('unreachable', `The MCP Calendar Server answered ${name} without structuredContent.`);
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
          void this.#clients
            .get(oldest)
            ?.then((c) => c.close())
            .catch(() => undefined);
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

/**
 * A tool error's text block (the contract's `{"error":{code,message,details}}`) → a
 * {@link CalendarToolError} with its code and details. An error outside the contract says nothing
 * about what happened: it is `unreachable`, an unknown outcome, like a lost answer.
 */
function toolError(name: string, text: string): CalendarToolError {
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    payload = undefined;
  }
  const parsed = toolErrorSchema.safeParse(payload);
  if (!parsed.success) return new CalendarToolError('unreachable', `The MCP Calendar Server answered ${name} with an error outside the contract: ${text.slice(0, 200)}`);
  const { code, message, details } = parsed.data.error;
  return new CalendarToolError(code, message, details);
}

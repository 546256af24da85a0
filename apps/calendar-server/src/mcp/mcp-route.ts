import { customerIdSchema } from '@agendo/contracts';
import { addRequestLogFields } from '@agendo/request-log';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { BookingService } from '../calendar/booking-service.js';
import type { AccessTokens } from '../tokens/access-tokens.js';
import { createCalendarMcpServer } from './calendar-mcp-server.js';
import { type RebindingPolicy, rebindingRefusal } from './dns-rebinding-guard.js';

/** What the MCP endpoint needs. */
export interface McpRouteOptions {
  readonly bookings: BookingService;
  readonly tokens: AccessTokens;
  /** The `Host` names and browser `Origin`s accepted (MCP's DNS-rebinding protection); no Origin = server-to-server. */
  readonly rebinding: RebindingPolicy;
  /** How many days ahead a booking may be made (`BOOKING_HORIZON_DAYS`). */
  readonly bookingHorizonDays?: number;
  /** Builds the per-request MCP server (tests replace it to provoke failures). */
  readonly createServer?: typeof createCalendarMcpServer;
}

/** JSON-RPC's "internal error": what a client gets when the server fails unexpectedly mid-request. */
const INTERNAL_ERROR = -32603;

function jsonRpcError(reply: FastifyReply, status: number, message: string) {
  return reply.code(status).send({ jsonrpc: '2.0', error: { code: -32000, message }, id: null });
}

/**
 * `POST /mcp`: MCP Streamable HTTP, stateless — a new server and transport per request, bound to the
 * customer in `X-Customer-Id`. The bearer check happens in the enclosing context.
 */
export const mcpRoute: FastifyPluginAsync<McpRouteOptions> = async (app, { bookings, tokens, rebinding, bookingHorizonDays, createServer = createCalendarMcpServer }) => {
  app.post('/mcp', async (request, reply) => {
    const refusal = rebindingRefusal(rebinding, { host: request.headers.host, origin: request.headers.origin });
    if (refusal) return jsonRpcError(reply, 403, refusal);
    const header = request.headers['x-customer-id'];
    if (header === undefined) return jsonRpcError(reply, 400, 'Missing X-Customer-Id header: name the customer whose calendar to use.');
    const parsed = customerIdSchema.safeParse(Array.isArray(header) ? header.join(',') : header);
    if (!parsed.success) return jsonRpcError(reply, 400, `Invalid X-Customer-Id header: ${parsed.error.issues[0]?.message ?? 'malformed'}.`);

    const rpc = request.body as { method?: unknown; params?: { name?: unknown } } | undefined;
    addRequestLogFields(request, {
      customer_id: parsed.data,
      rpc: typeof rpc?.method === 'string' ? rpc.method : undefined,
      tool: typeof rpc?.params?.name === 'string' ? rpc.params.name : undefined,
    });
    reply.hijack();
    try {
      const server = createServer({ customerId: parsed.data, bookings, tokens, bookingHorizonDays, log: request.log });
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
      reply.raw.on('close', () => {
        void transport.close();
        void server.close();
      });
      await server.connect(transport);
      await transport.handleRequest(request.raw, reply.raw, request.body);
    } catch (err) {
      // Fastify no longer answers for a hijacked reply: without this the client would wait forever.
      request.log.error({ err }, 'MCP request failed');
      const id =
        typeof (request.body as { id?: unknown } | undefined)?.id === 'string' || typeof (request.body as { id?: unknown } | undefined)?.id === 'number'
          ? (request.body as { id: string | number }).id
          : null;
      if (!reply.raw.headersSent) {
        reply.raw.writeHead(500, { 'content-type': 'application/json' });
        reply.raw.end(
          JSON.stringify({
            jsonrpc: '2.0',
            error: { code: INTERNAL_ERROR, message: 'Internal error: the calendar server failed unexpectedly; nothing is known to have changed.' },
            id,
          }),
        );
      } else if (!reply.raw.writableEnded) {
        reply.raw.end();
      }
    }
  });

  const notAllowed = async (_request: unknown, reply: FastifyReply) =>
    reply
      .code(405)
      .header('allow', 'POST')
      .send({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed: this MCP server is stateless; use POST.' }, id: null });
  app.get('/mcp', notAllowed);
  app.delete('/mcp', notAllowed);
};

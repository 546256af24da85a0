import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { addRequestLogFields } from '@agendo/request-log';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { BookingService } from '../calendar/booking-service.js';
import { customerIdSchema } from '@agendo/calendar-contract';
import type { AccessTokens } from '../tokens/access-tokens.js';
import { createCalendarMcpServer } from './calendar-mcp-server.js';

/** What the MCP endpoint needs. */
export interface McpRouteOptions {
  readonly bookings: BookingService;
  readonly tokens: AccessTokens;
  /** Browser origins allowed to call (MCP's DNS-rebinding protection); requests without Origin are server-to-server. */
  readonly allowedOrigins: readonly string[];
  /** How many days ahead a booking may be made (`BOOKING_HORIZON_DAYS`). */
  readonly bookingHorizonDays?: number;
}

function jsonRpcError(reply: FastifyReply, status: number, message: string) {
  return reply.code(status).send({ jsonrpc: '2.0', error: { code: -32000, message }, id: null });
}

/**
 * `POST /mcp`: MCP Streamable HTTP, stateless — a new server and transport per request, bound to the
 * customer in `X-Customer-Id`. The bearer check happens in the enclosing context.
 */
export const mcpRoute: FastifyPluginAsync<McpRouteOptions> = async (app, { bookings, tokens, allowedOrigins, bookingHorizonDays }) => {
  app.post('/mcp', async (request, reply) => {
    const origin = request.headers.origin;
    if (origin !== undefined && !allowedOrigins.includes(origin)) {
      return jsonRpcError(reply, 403, `Origin ${origin} is not allowed.`);
    }
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
    const server = createCalendarMcpServer({ customerId: parsed.data, bookings, tokens, bookingHorizonDays });
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    reply.hijack();
    reply.raw.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(request.raw, reply.raw, request.body);
  });

  const notAllowed = async (_request: unknown, reply: FastifyReply) =>
    reply.code(405).header('allow', 'POST').send({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed: this MCP server is stateless; use POST.' }, id: null });
  app.get('/mcp', notAllowed);
  app.delete('/mcp', notAllowed);
};

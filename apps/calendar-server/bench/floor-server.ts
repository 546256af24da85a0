/**
 * The benchmark's floor: a bare MCP SDK server (node:http, stateless, a new server per request like
 * ours) whose two tools make the same single Google call ours would make — freeBusy.query for
 * check_availability, events.insert for create_booking — with a token handed over in FLOOR_TOKENS.
 * No auth, validation, vault, cache, lock or retry: what is left is the cost of MCP plus one HTTP call.
 */
import http from 'node:http';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { z } from 'zod';

const googleUrl = process.env.FLOOR_GOOGLE_URL ?? '';
const tokens = JSON.parse(process.env.FLOOR_TOKENS ?? '{}') as Record<string, string>;
const port = Number(process.env.FLOOR_PORT ?? 0);

async function google(customerId: string, path: string, body: unknown): Promise<unknown> {
  const res = await fetch(`${googleUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens[customerId] ?? ''}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return res.json();
}

function serverFor(customerId: string): McpServer {
  const server = new McpServer({ name: 'floor', version: '1.0.0' });
  server.registerTool('check_availability', { inputSchema: { start: z.string(), end: z.string() } }, async ({ start, end }) => {
    const data = (await google(customerId, '/calendar/v3/freeBusy', { timeMin: start, timeMax: end, items: [{ id: 'primary' }] })) as {
      calendars?: Record<string, { busy?: unknown[] }>;
    };
    const busy = data.calendars?.primary?.busy ?? [];
    return { content: [{ type: 'text', text: JSON.stringify({ free: busy.length === 0, conflicts: busy }) }] };
  });
  server.registerTool('create_booking', { inputSchema: { start: z.string(), end: z.string(), title: z.string() } }, async ({ start, end, title }) => {
    const event = await google(customerId, '/calendar/v3/calendars/primary/events', { summary: title, start: { dateTime: start }, end: { dateTime: end } });
    return { content: [{ type: 'text', text: JSON.stringify(event) }] };
  });
  return server;
}

const httpServer = http.createServer((req, res) => {
  let raw = '';
  req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
  req.on('end', () => {
    void (async () => {
      const server = serverFor(String(req.headers['x-customer-id'] ?? ''));
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
      res.on('close', () => {
        void transport.close();
        void server.close();
      });
      await server.connect(transport);
      await transport.handleRequest(req, res, raw ? JSON.parse(raw) : undefined);
    })();
  });
});
httpServer.listen(port, '127.0.0.1', () => console.log(`floor listening on ${port}`));
process.once('SIGTERM', () => httpServer.close(() => process.exit(0)));

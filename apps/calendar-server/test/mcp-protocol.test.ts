import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebindingPolicy } from '../src/mcp/dns-rebinding-guard.js';
import { mcpRoute } from '../src/mcp/mcp-route.js';
import { type Harness, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('the MCP endpoint as a protocol peer', () => {
  it('does not advertise tools.listChanged: a stateless server can never send it', async () => {
    const client = await h.mcp('cliente-1');
    const capabilities = client.getServerCapabilities();
    expect(capabilities?.tools).toBeDefined();
    expect(capabilities?.tools?.listChanged).not.toBe(true);
  });

  it('answers an unexpected failure with JSON-RPC -32603 instead of leaving the request hanging', async () => {
    const app = Fastify({ logger: false });
    await app.register(mcpRoute, {
      bookings: {} as never,
      tokens: {} as never,
      rebinding: rebindingPolicy('127.0.0.1', [], []),
      createServer: () => {
        throw new Error('boom');
      },
    });
    const response = await app.inject({
      method: 'POST',
      url: '/mcp',
      headers: { host: '127.0.0.1', 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'x-customer-id': 'cliente-1' },
      payload: { jsonrpc: '2.0', id: 7, method: 'tools/list', params: {} },
    });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({ jsonrpc: '2.0', id: 7, error: { code: -32603, message: expect.stringContaining('Internal error') } });
    await app.close();
  });
});

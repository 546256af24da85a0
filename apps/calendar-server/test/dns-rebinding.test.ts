import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebindingPolicy, rebindingRefusal } from '../src/mcp/dns-rebinding-guard.js';
import { API_KEY, type Harness, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

/** POST /mcp with exactly these headers (fetch cannot set Host). */
function post(headers: Record<string, string>): Promise<number> {
  const url = new URL(`${h.server.url}/mcp`);
  const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} });
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: '/mcp',
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          authorization: `Bearer ${API_KEY}`,
          'x-customer-id': 'cliente-1',
          'content-length': Buffer.byteLength(body),
          ...headers,
        },
      },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

describe('DNS rebinding protection of POST /mcp (server listening on 127.0.0.1)', () => {
  it('refuses a foreign Host even without an Origin', async () => {
    expect(await post({ host: 'evil.example.com' })).toBe(403);
    expect(await post({ host: `evil.example.com:${new URL(h.server.url).port}` })).toBe(403);
    expect(await post({ host: '127.0.0.1.evil.example.com' })).toBe(403);
  });

  it("answers its own Host names and a local page's Origin", async () => {
    const port = new URL(h.server.url).port;
    expect(await post({ host: `127.0.0.1:${port}` })).toBe(200);
    expect(await post({ host: `localhost:${port}` })).toBe(200);
    expect(await post({ host: `127.0.0.1:${port}`, origin: 'http://localhost:5173' })).toBe(200);
    expect(await post({ host: `127.0.0.1:${port}`, origin: 'http://127.0.0.1:6274' })).toBe(200);
  });

  it('refuses a foreign Origin', async () => {
    const port = new URL(h.server.url).port;
    expect(await post({ host: `127.0.0.1:${port}`, origin: 'https://evil.example' })).toBe(403);
    expect(await post({ host: `127.0.0.1:${port}`, origin: 'http://localhost.evil.example' })).toBe(403);
    expect(await post({ host: `127.0.0.1:${port}`, origin: 'null' })).toBe(403);
  });
});

describe('the rebinding policy', () => {
  it('on a public listen address accepts only the configured hosts and origins, no local pages', () => {
    const policy = rebindingPolicy('0.0.0.0', ['agendo.example.com'], ['https://admin.example.com']);
    expect(rebindingRefusal(policy, { host: 'agendo.example.com' })).toBeUndefined();
    expect(rebindingRefusal(policy, { host: 'AGENDO.example.com:443' })).toBeUndefined();
    expect(rebindingRefusal(policy, { host: 'localhost:60000' })).toMatch(/Host/);
    expect(rebindingRefusal(policy, { host: 'agendo.example.com', origin: 'https://admin.example.com' })).toBeUndefined();
    expect(rebindingRefusal(policy, { host: 'agendo.example.com', origin: 'http://localhost:5173' })).toMatch(/Origin/);
    expect(rebindingRefusal(policy, { host: undefined })).toMatch(/Host/);
  });

  it('by default answers the listen host and the names of this machine', () => {
    const policy = rebindingPolicy('calendar.internal', [], []);
    expect(rebindingRefusal(policy, { host: 'calendar.internal:60000' })).toBeUndefined();
    expect(rebindingRefusal(policy, { host: '[::1]:60000' })).toBeUndefined();
    expect(rebindingRefusal(policy, { host: 'other.internal' })).toMatch(/Host/);
  });
});

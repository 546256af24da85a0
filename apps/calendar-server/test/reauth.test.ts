import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { callTool, futureSlot, type Harness, startHarness, toolOk } from './harness.js';
import { toolError } from './tool-error.js';

const FAST_RETRY = { maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 100, maxTotalMs: 5_000 };
const A = { id: 'reauth-a', email: 'reauth@ejemplo.com' };

let h: Harness;
let a: Client;

const status = async (customerId: string) => ((await (await h.api(`/oauth/status/${customerId}`)).json()) as { status: string }).status;

beforeAll(async () => {
  h = await startHarness({}, { retry: FAST_RETRY });
  await h.connect(A.id, A.email);
  a = await h.mcp(A.id);
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await h.control('/faults', { method: 'DELETE' });
});

describe('401s from the Calendar API', () => {
  it('two transient 401s are a retryable google_error, never needs_reauth, and the connection stays connected', async () => {
    await h.control('/faults', { json: { endpoint: 'calendar.freebusy.query', status: 401, count: 2 } });
    const failed = toolError(await callTool(a, 'check_availability', futureSlot(10, 9)));
    expect(failed.code).toBe('google_error');
    expect(failed.message).not.toMatch(/reconnect|Reconectar/i);
    expect(await status(A.id)).toBe('connected');
    // The next call works with the same connection.
    expect(toolOk<{ free: boolean }>(await callTool(a, 'check_availability', futureSlot(10, 9))).free).toBe(true);
    expect(await status(A.id)).toBe('connected');
  });

  it('two 401s on a write are a google_error too', async () => {
    await h.control('/faults', { json: { endpoint: 'calendar.events.list', status: 401, count: 2 } });
    expect(toolError(await callTool(a, 'list_bookings', { range_start: futureSlot(10, 0).start, range_end: futureSlot(11, 0).start })).code).toBe('google_error');
    expect(await status(A.id)).toBe('connected');
  });

  it('one 401 is healed by a token refresh', async () => {
    await h.control('/faults', { json: { endpoint: 'calendar.freebusy.query', status: 401, count: 1 } });
    expect(toolOk<{ free: boolean }>(await callTool(a, 'check_availability', futureSlot(12, 9))).free).toBe(true);
  });

  it('only invalid_grant from the token endpoint makes the connection needs_reauth', async () => {
    await h.control(`/users/${A.email}/revoke`, { json: {} });
    await h.control('/tokens/expire', { json: { email: A.email } });
    expect(toolError(await callTool(a, 'check_availability', futureSlot(13, 9))).code).toBe('needs_reauth');
    expect(await status(A.id)).toBe('needs_reauth');
  });
});

import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { callTool, futureSlot, type Harness, standInEvents, startHarness, toolOk } from './harness.js';
import { toolError } from './tool-error.js';

// Scaled down from the defaults (10 s per request, 25 s per tool call) so the test runs in seconds.
const REQUEST_TIMEOUT_MS = 800;
const DEADLINE_MS = 2_000;
const A = { id: 'slow-a', email: 'lenta@ejemplo.com' };

let h: Harness;
let a: Client;

const timed = async <T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> => {
  const t0 = performance.now();
  const value = await work();
  return { value, ms: performance.now() - t0 };
};
const confirmedIn = async (slot: { start: string; end: string }) =>
  (await standInEvents(h, A.email)).filter(
    (e) => e.status !== 'cancelled' && Date.parse(e.start.dateTime ?? '') < Date.parse(slot.end) && Date.parse(e.end.dateTime ?? '') > Date.parse(slot.start),
  );

beforeAll(async () => {
  h = await startHarness({ GOOGLE_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS), TOOL_DEADLINE_MS: String(DEADLINE_MS) });
  await h.connect(A.id, A.email);
  a = await h.mcp(A.id);
  toolOk(await callTool(a, 'get_calendar_info'));
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await h.control('/faults', { method: 'DELETE' });
});

describe('timeouts and deadlines', { timeout: 20_000 }, () => {
  it('a slow insert ends at the deadline as an unknown outcome; the same key later finds the one event', async () => {
    const slot = futureSlot(40, 9);
    await h.control('/faults', { json: { endpoint: 'calendar.events.insert', latencyMs: 3_000, count: 10 } });
    const args = { ...slot, title: 'Inserción lenta', idempotency_key: 'slow-insert-0001' };
    const { value, ms } = await timed(() => callTool(a, 'create_booking', args));
    const failed = toolError(value);
    expect(ms).toBeLessThan(DEADLINE_MS + 700);
    expect(failed.code).toBe('google_unavailable');
    expect(failed.message).toMatch(/unknown/i);
    expect(failed.message).toMatch(/same idempotency_key/i);

    // The slow requests land at the stand-in later; the retry with the same key returns that event.
    await new Promise((r) => setTimeout(r, 3_500));
    await h.control('/faults', { method: 'DELETE' });
    const retried = toolOk<{ created: boolean; booking: { booking_id: string } }>(await callTool(a, 'create_booking', args));
    expect(retried.created).toBe(false);
    expect((await confirmedIn(slot)).map((e) => e.id)).toEqual([retried.booking.booking_id]);
  });

  it("a slow booking holds the same calendar's next booking at most until its own deadline", async () => {
    await h.control('/faults', { json: { endpoint: 'calendar.events.insert', latencyMs: 6_000, count: 3 } });
    const first = timed(() => callTool(a, 'create_booking', { ...futureSlot(41, 9), title: 'Primera', idempotency_key: 'hold-first-0001' }));
    await new Promise((r) => setTimeout(r, 200));
    const second = await timed(() => callTool(a, 'create_booking', { ...futureSlot(41, 12), title: 'Segunda', idempotency_key: 'hold-second-0001' }));
    expect(second.ms).toBeLessThan(DEADLINE_MS + 700);
    expect((await first).ms).toBeLessThan(DEADLINE_MS + 700);
  });

  it('a request that hangs past its timeout is retried within the deadline', async () => {
    await h.control('/faults', { json: { endpoint: 'calendar.freebusy.query', latencyMs: 5_000, count: 1 } });
    const { value, ms } = await timed(() => callTool(a, 'check_availability', futureSlot(42, 9)));
    expect(toolOk<{ free: boolean }>(value).free).toBe(true);
    expect(ms).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 50);
    expect(ms).toBeLessThan(DEADLINE_MS);
  });

  it('the deadline covers the whole tool call, not each step: three slow steps end at one deadline', async () => {
    const b = await h.mcp('slow-b');
    await h.connect('slow-b', 'lenta-b@ejemplo.com');
    // Each step alone is within the request timeout; together they outlast the tool call's deadline.
    for (const endpoint of ['calendar.calendars.get', 'calendar.freebusy.query', 'calendar.events.insert']) {
      await h.control('/faults', { json: { endpoint, latencyMs: 750, count: 1 } });
    }
    const { value, ms } = await timed(() => callTool(b, 'create_booking', { ...futureSlot(44, 9), title: 'Tres pasos', idempotency_key: 'three-steps-0001' }));
    expect(toolError(value).code).toBe('google_unavailable');
    expect(ms).toBeLessThan(DEADLINE_MS + 300);
  });

  it('retries stop at the deadline even when Retry-After asks for longer', async () => {
    await h.control('/faults', { json: { endpoint: 'calendar.freebusy.query', status: 503, retryAfter: 5, count: 5 } });
    const { value, ms } = await timed(() => callTool(a, 'check_availability', futureSlot(43, 9)));
    expect(toolError(value).code).toBe('google_unavailable');
    expect(ms).toBeLessThan(DEADLINE_MS + 700);
  });
});

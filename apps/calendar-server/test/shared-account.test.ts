import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { callTool, futureSlot, type Harness, standInEvents, startHarness, toolOk } from './harness.js';
import { toolError } from './tool-error.js';

const FAST_RETRY = { maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 100, maxTotalMs: 5_000 };
const SHARED = 'compartida@ejemplo.com';
const ONE = 'consulta-uno';
const TWO = 'consulta-dos';

let h: Harness;
let one: Client;
let two: Client;

const confirmedIn = async (slot: { start: string; end: string }) =>
  (await standInEvents(h, SHARED)).filter(
    (e) => e.status !== 'cancelled' && Date.parse(e.start.dateTime ?? '') < Date.parse(slot.end) && Date.parse(e.end.dateTime ?? '') > Date.parse(slot.start),
  );

beforeAll(async () => {
  h = await startHarness({}, { retry: FAST_RETRY });
  await h.control(`/calendars/${SHARED}`, { method: 'PUT', json: { timeZone: 'Europe/Madrid' } });
  // Two customer ids connected to the same Google account: one calendar.
  await h.connect(ONE, SHARED);
  await h.connect(TWO, SHARED);
  one = await h.mcp(ONE);
  two = await h.mcp(TWO);
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await h.control('/faults', { method: 'DELETE' });
});

describe('two customers on one Google account', () => {
  it('a booking through one makes the same hour unavailable through the other, within the cache lifetime', async () => {
    const slot = futureSlot(30, 9);
    expect(toolOk<{ free: boolean }>(await callTool(one, 'check_availability', slot)).free).toBe(true);
    expect(toolOk<{ free: boolean }>(await callTool(two, 'check_availability', slot)).free).toBe(true);
    toolOk(await callTool(one, 'create_booking', { ...slot, title: 'Por la uno', idempotency_key: 'shared-seq-one' }));
    expect(toolOk<{ free: boolean }>(await callTool(two, 'check_availability', slot)).free).toBe(false);
    expect(toolError(await callTool(two, 'create_booking', { ...slot, title: 'Por la dos', idempotency_key: 'shared-seq-two' })).code).toBe('slot_unavailable');
    expect(await confirmedIn(slot)).toHaveLength(1);
  });

  it('four racing bookings of one slot split over both customers make exactly one event', async () => {
    const slot = futureSlot(30, 12);
    // Both have a fresh "free" cached, as right after the assistant checked.
    expect(toolOk<{ free: boolean }>(await callTool(one, 'check_availability', slot)).free).toBe(true);
    expect(toolOk<{ free: boolean }>(await callTool(two, 'check_availability', slot)).free).toBe(true);
    const results = await Promise.all(
      [one, two, one, two].map((client, i) => callTool(client, 'create_booking', { ...slot, title: `Carrera ${i}`, idempotency_key: `shared-race-${i}` })),
    );
    expect(results.filter((r) => !r.isError)).toHaveLength(1);
    for (const r of results.filter((x) => x.isError)) expect(toolError(r).code).toBe('slot_unavailable');
    expect(await confirmedIn(slot)).toHaveLength(1);
  });

  it('each customer still sees and touches only its own bookings', async () => {
    const slot = futureSlot(31, 9);
    const mine = toolOk<{ booking: { booking_id: string } }>(await callTool(one, 'create_booking', { ...slot, title: 'Solo de la uno', idempotency_key: 'shared-own-1' }));
    const listed = toolOk<{ bookings: { booking_id: string }[] }>(await callTool(two, 'list_bookings', { range_start: slot.start, range_end: slot.end }));
    expect(listed.bookings).toEqual([]);
    expect(toolError(await callTool(two, 'cancel_booking', { booking_id: mine.booking.booking_id })).code).toBe('not_found');
  });
});

describe('disconnecting one of two customers on one Google account', () => {
  it('keeps the grant at Google, so the other customer stays connected and can still book', async () => {
    const third = 'consulta-tres';
    await h.connect(third, SHARED);
    const res = await h.api(`/oauth/connections/${third}`, { method: 'DELETE' });
    expect(await res.json()).toMatchObject({ customer_id: third, disconnected: true, revoked: false });
    expect(await (await h.api(`/oauth/status/${third}`)).json()).toMatchObject({ status: 'not_connected' });
    // The token the others use still works: a booking goes through and the status stays connected.
    const slot = futureSlot(32, 10);
    toolOk(await callTool(one, 'create_booking', { ...slot, title: 'Sigue conectada', idempotency_key: 'after-other-disconnect' }));
    expect(await (await h.api(`/oauth/status/${ONE}`)).json()).toMatchObject({ status: 'connected' });
  });
});

import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { callTool, futureSlot, type Harness, standInEvents, startHarness, toolOk } from './harness.js';
import { toolError } from './tool-error.js';

const FAST_RETRY = { maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 100, maxTotalMs: 5_000 };
const A = { id: 'faults-a', email: 'fallos@ejemplo.com' };

let h: Harness;
let a: Client;

const overlapping = async (slot: { start: string; end: string }) =>
  (await standInEvents(h, A.email)).filter(
    (e) => e.status !== 'cancelled' && Date.parse(e.start.dateTime ?? '') < Date.parse(slot.end) && Date.parse(e.end.dateTime ?? '') > Date.parse(slot.start),
  );

beforeAll(async () => {
  h = await startHarness({}, { retry: FAST_RETRY });
  await h.control(`/calendars/${A.email}`, { method: 'PUT', json: { timeZone: 'Europe/Madrid' } });
  await h.connect(A.id, A.email);
  a = await h.mcp(A.id);
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await h.control('/faults', { method: 'DELETE' });
});

describe('a write whose outcome is unknown', () => {
  it('an insert that wrote and then failed (500 after, retries exhausted) invalidates the busy cache; the same key then finds the one event', async () => {
    const slot = futureSlot(20, 9);
    expect(toolOk<{ free: boolean }>(await callTool(a, 'check_availability', slot)).free).toBe(true);
    await h.control('/faults', { json: { endpoint: 'calendar.events.insert', status: 500, mode: 'after', count: 5 } });
    const args = { ...slot, title: 'Respuesta perdida 5 veces', idempotency_key: 'lost-five-times-1' };
    const failed = toolError(await callTool(a, 'create_booking', args));
    expect(failed.code).toBe('google_unavailable');
    expect(failed.message).toMatch(/unknown/i);
    expect(failed.message).toMatch(/same idempotency_key/i);

    // The calendar now holds the event: the next check must not answer from a stale "free".
    expect(toolOk<{ free: boolean }>(await callTool(a, 'check_availability', slot)).free).toBe(false);
    const retried = toolOk<{ created: boolean; booking: { booking_id: string } }>(await callTool(a, 'create_booking', args));
    expect(retried.created).toBe(false);
    const events = await overlapping(slot);
    expect(events.map((e) => e.id)).toEqual([retried.booking.booking_id]);
  });

  it('the same key right after the failure (no check in between) returns the event, never a second one', async () => {
    const slot = futureSlot(20, 11);
    expect(toolOk<{ free: boolean }>(await callTool(a, 'check_availability', slot)).free).toBe(true);
    await h.control('/faults', { json: { endpoint: 'calendar.events.insert', status: 503, mode: 'after', count: 8 } });
    const args = { ...slot, title: 'Reintento directo', idempotency_key: 'lost-direct-retry-1' };
    expect(toolError(await callTool(a, 'create_booking', args)).code).toBe('google_unavailable');
    await h.control('/faults', { method: 'DELETE' });
    // Another customer request (new key) for the same slot must see it taken.
    expect(toolError(await callTool(a, 'create_booking', { ...args, idempotency_key: 'other-proposal-1' })).code).toBe('slot_unavailable');
    const retried = toolOk<{ created: boolean; booking: { booking_id: string } }>(await callTool(a, 'create_booking', args));
    expect(retried.created).toBe(false);
    expect((await overlapping(slot)).map((e) => e.id)).toEqual([retried.booking.booking_id]);
  });

  it('a move whose answer was lost invalidates the cache: the new time reads as busy', async () => {
    const from = futureSlot(21, 9);
    const to = futureSlot(21, 12);
    const booked = toolOk<{ booking: { booking_id: string } }>(await callTool(a, 'create_booking', { ...from, title: 'Para mover', idempotency_key: 'move-lost-1' }));
    expect(toolOk<{ free: boolean }>(await callTool(a, 'check_availability', to)).free).toBe(true);
    await h.control('/faults', { json: { endpoint: 'calendar.events.patch', status: 500, mode: 'after', count: 5 } });
    const failed = toolError(await callTool(a, 'update_booking', { booking_id: booked.booking.booking_id, ...to }));
    expect(failed.code).toBe('google_unavailable');
    expect(failed.message).toMatch(/unknown/i);
    expect(toolOk<{ free: boolean }>(await callTool(a, 'check_availability', to)).free).toBe(false);
  });

  it('a cancel whose answer was lost invalidates the cache: the old time reads as free', async () => {
    const slot = futureSlot(22, 9);
    const booked = toolOk<{ booking: { booking_id: string } }>(await callTool(a, 'create_booking', { ...slot, title: 'Para cancelar', idempotency_key: 'cancel-lost-1' }));
    expect(toolOk<{ free: boolean }>(await callTool(a, 'check_availability', slot)).free).toBe(false);
    await h.control('/faults', { json: { endpoint: 'calendar.events.delete', status: 500, mode: 'after', count: 5 } });
    expect(toolError(await callTool(a, 'cancel_booking', { booking_id: booked.booking.booking_id })).code).toBe('google_unavailable');
    expect(toolOk<{ free: boolean }>(await callTool(a, 'check_availability', slot)).free).toBe(true);
  });

  it('an insert Google refused outright (400) also drops the cached answer', async () => {
    const slot = futureSlot(23, 9);
    expect(toolOk<{ free: boolean }>(await callTool(a, 'check_availability', slot)).free).toBe(true);
    await h.control('/faults', { json: { endpoint: 'calendar.events.insert', status: 400, mode: 'after', count: 1 } });
    const failed = await callTool(a, 'create_booking', { ...slot, title: 'Rechazada', idempotency_key: 'refused-after-1' });
    expect(failed.isError).toBe(true);
    expect(toolOk<{ free: boolean }>(await callTool(a, 'check_availability', slot)).free).toBe(false);
  });
});

import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { callTool, futureSlot, type Harness, standInCounts, startHarness, toolOk } from './harness.js';
import { toolError } from './tool-error.js';

const FAST_RETRY = { maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 100, maxTotalMs: 5_000 };

interface StandInChannel {
  id: string;
  calendar: string;
  resourceId: string;
  address: string;
  delivered: number;
  pending: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 5_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}
const channelsOf = async (h: Harness, email: string) => ((await h.control('/channels')) as { channels: StandInChannel[] }).channels.filter((c) => c.calendar === email);
/** Waits until the stand-in has delivered every queued notification of the calendar's channels. */
const settled = (h: Harness, email: string) =>
  until(`notifications to ${email}`, async () => {
    const channels = await channelsOf(h, email);
    return channels.length > 0 && channels.every((c) => c.pending === 0) ? channels : undefined;
  });
const liveChannel = (h: Harness, email: string) =>
  until(`a live channel for ${email}`, async () => {
    const [channel] = await channelsOf(h, email);
    return channel && channel.delivered >= 1 && h.server.push?.channels().some((c) => c.id === channel.id && c.heard) ? channel : undefined;
  });
const requestsOf = (counts: Record<string, number>, endpoint: string) => counts[endpoint] ?? 0;
const notify = (h: Harness, headers: Record<string, string>) => h.api('/google/notifications', { method: 'POST', auth: null, headers });

describe('with a push channel (PUBLIC_BASE_URL set)', () => {
  let h: Harness;
  let a: Client;
  const A = { id: 'push-a', email: 'push@ejemplo.com' };

  beforeAll(async () => {
    h = await startHarness({}, { retry: FAST_RETRY, publicBaseUrl: true });
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

  it('opens one channel per connected calendar at the public address, and Google reaches it', async () => {
    const channel = await liveChannel(h, A.email);
    expect(channel.address).toBe(`${h.server.url}/google/notifications`);
    expect(await channelsOf(h, A.email)).toHaveLength(1);
  });

  it('an event the owner adds in Google after the check is not overbooked', async () => {
    await liveChannel(h, A.email);
    const slot = futureSlot(50, 9);
    expect(toolOk<{ free: boolean }>(await callTool(a, 'check_availability', slot)).free).toBe(true);
    await h.control(`/calendars/${A.email}/events`, { json: { summary: 'Puesto a mano', start: { dateTime: slot.start }, end: { dateTime: slot.end } } });
    await settled(h, A.email);
    expect(toolError(await callTool(a, 'create_booking', { ...slot, title: 'No debe entrar', idempotency_key: 'push-overbook-1' })).code).toBe('slot_unavailable');
  });

  it('check then create costs two Google requests even when the customer takes longer than 5 s to say "sí"', { timeout: 15_000 }, async () => {
    await liveChannel(h, A.email);
    await settled(h, A.email);
    const slot = futureSlot(50, 12);
    const before = await standInCounts(h);
    expect(toolOk<{ free: boolean }>(await callTool(a, 'check_availability', slot)).free).toBe(true);
    await sleep(5_300);
    toolOk(await callTool(a, 'create_booking', { ...slot, title: 'Con canal', idempotency_key: 'push-two-requests-1' }));
    const after = await standInCounts(h);
    expect(requestsOf(after, 'calendar.freebusy.query') - requestsOf(before, 'calendar.freebusy.query')).toBe(1);
    expect(requestsOf(after, 'calendar.events.insert') - requestsOf(before, 'calendar.events.insert')).toBe(1);
  });

  it('refuses notifications with an unknown channel, a wrong token or missing headers, and invalidates nothing', async () => {
    const channel = await liveChannel(h, A.email);
    await settled(h, A.email);
    const slot = futureSlot(51, 9);
    toolOk(await callTool(a, 'check_availability', slot));
    const base = { 'x-goog-resource-id': channel.resourceId, 'x-goog-resource-state': 'exists', 'x-goog-message-number': '99' };
    expect((await notify(h, { ...base, 'x-goog-channel-id': 'not-a-channel', 'x-goog-channel-token': 'x' })).status).toBe(404);
    expect((await notify(h, { ...base, 'x-goog-channel-id': channel.id, 'x-goog-channel-token': 'wrong-token' })).status).toBe(403);
    expect((await notify(h, { ...base, 'x-goog-channel-id': channel.id })).status).toBe(403);
    expect((await notify(h, { 'x-goog-channel-id': channel.id })).status).toBe(400);
    expect((await notify(h, { ...base, 'x-goog-channel-id': channel.id, 'x-goog-resource-state': 'bogus' })).status).toBe(400);
    const before = await standInCounts(h);
    toolOk(await callTool(a, 'check_availability', slot));
    expect(requestsOf(await standInCounts(h), 'calendar.freebusy.query')).toBe(requestsOf(before, 'calendar.freebusy.query'));
  });

  it('two customers on one account share one channel; disconnecting one of them does not stop it', async () => {
    const shared = 'push-compartida@ejemplo.com';
    await h.connect('push-uno', shared);
    await h.connect('push-dos', shared);
    const channel = await liveChannel(h, shared);
    expect(await channelsOf(h, shared)).toHaveLength(1);
    const stopsBefore = requestsOf(await standInCounts(h), 'calendar.channels.stop');
    expect((await h.api('/oauth/connections/push-uno', { method: 'DELETE' })).status).toBe(200);
    expect(requestsOf(await standInCounts(h), 'calendar.channels.stop')).toBe(stopsBefore);
    expect(h.server.push?.channels().map((c) => c.id)).toContain(channel.id);
  });

  it("a disconnect stops the calendar's channel at Google; its notifications are then refused", async () => {
    const alone = 'push-sola@ejemplo.com';
    await h.connect('push-sola', alone);
    const channel = await liveChannel(h, alone);
    const stopsBefore = requestsOf(await standInCounts(h), 'calendar.channels.stop');
    expect((await h.api('/oauth/connections/push-sola', { method: 'DELETE' })).status).toBe(200);
    expect(requestsOf(await standInCounts(h), 'calendar.channels.stop')).toBe(stopsBefore + 1);
    expect(await channelsOf(h, alone)).toEqual([]);
    expect(h.server.push?.channels().map((c) => c.id)).not.toContain(channel.id);
    expect((await notify(h, { 'x-goog-channel-id': channel.id, 'x-goog-channel-token': 'x', 'x-goog-resource-state': 'exists' })).status).toBe(404);
  });
});

describe('channel renewal', () => {
  let h: Harness;
  const B = { id: 'push-renew', email: 'renueva@ejemplo.com' };

  beforeAll(async () => {
    h = await startHarness({}, { retry: FAST_RETRY, publicBaseUrl: true, push: { channelTtlMs: 2_500, renewBeforeMs: 1_200 } });
    await h.connect(B.id, B.email);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('renews a channel before it expires and stops the old one', { timeout: 10_000 }, async () => {
    const first = await liveChannel(h, B.email);
    const second = await until('a renewed channel', async () => {
      const channels = await channelsOf(h, B.email);
      return channels.length === 1 && channels[0]!.id !== first.id && channels[0]!.delivered >= 1 ? channels[0] : undefined;
    });
    expect(Date.parse((second as unknown as { expiration: string }).expiration)).toBeGreaterThan(Date.now());
    expect(h.server.push?.isLive(`${(h.server.push?.channels()[0]?.calendarKey ?? '').split('/')[0]}/primary`)).toBe(true);
  });
});

describe('without a push channel (no PUBLIC_BASE_URL)', () => {
  let h: Harness;
  let c: Client;
  const C = { id: 'nopush-c', email: 'sin-canal@ejemplo.com' };

  beforeAll(async () => {
    h = await startHarness({}, { retry: FAST_RETRY });
    await h.control(`/calendars/${C.email}`, { method: 'PUT', json: { timeZone: 'Europe/Madrid' } });
    await h.connect(C.id, C.email);
    c = await h.mcp(C.id);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('opens no channel and answers no notifications', async () => {
    expect(h.server.push).toBeUndefined();
    expect(await channelsOf(h, C.email)).toEqual([]);
    expect((await notify(h, { 'x-goog-channel-id': 'x', 'x-goog-channel-token': 'x', 'x-goog-resource-state': 'exists' })).status).toBe(404);
  });

  it('the re-check before an insert reads Google when the cached answer is 5 s old: an event added meanwhile is seen', { timeout: 15_000 }, async () => {
    const slot = futureSlot(52, 9);
    expect(toolOk<{ free: boolean }>(await callTool(c, 'check_availability', slot)).free).toBe(true);
    await h.control(`/calendars/${C.email}/events`, { json: { summary: 'Puesto a mano', start: { dateTime: slot.start }, end: { dateTime: slot.end } } });
    await sleep(5_300);
    const before = await standInCounts(h);
    expect(toolError(await callTool(c, 'create_booking', { ...slot, title: 'No debe entrar', idempotency_key: 'nopush-overbook-1' })).code).toBe('slot_unavailable');
    expect(requestsOf(await standInCounts(h), 'calendar.freebusy.query') - requestsOf(before, 'calendar.freebusy.query')).toBe(1);
  });

  it('a re-check right after the check (under 5 s) still uses the cached answer: two requests per booking', async () => {
    const slot = futureSlot(52, 12);
    const before = await standInCounts(h);
    expect(toolOk<{ free: boolean }>(await callTool(c, 'check_availability', slot)).free).toBe(true);
    toolOk(await callTool(c, 'create_booking', { ...slot, title: 'Rápida', idempotency_key: 'nopush-fast-1' }));
    expect(requestsOf(await standInCounts(h), 'calendar.freebusy.query') - requestsOf(before, 'calendar.freebusy.query')).toBe(1);
  });
});

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freshTestDatabase } from '@agendo/database/test-cluster';
import { approveConsent, type ChannelStatus, type RunningEmulator, startEmulator } from '@agendo/google-emulator';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { NOTIFICATION_PATH } from '../src/push/notification-route.js';
import { type RunningServer, startServer } from '../src/server.js';
import {
  ADMIN_ORIGIN,
  API_KEY,
  CLIENT_ID,
  CLIENT_SECRET,
  callTool,
  freePort,
  futureSlot,
  ON_POSTGRES,
  type StandInEvent,
  type ToolCallResult,
  toolErrorText,
  toolOk,
} from './harness.js';

/**
 * Two replicas of the calendar server on one PostgreSQL database and one Google stand-in, called
 * directly (no proxy): whatever one replica does, the other must behave as if they were one process.
 * Both give Google the second replica's address for push channels, so every notification reaches B
 * whichever replica opened the channel.
 */

const FAST_RETRY = { maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 100, maxTotalMs: 5_000 };
const CUSTOMER = { id: 'replicas-1', email: 'replicas@ejemplo.com' };

let databaseUrl: string | undefined;
let emulator: RunningEmulator | undefined;
const replicas: RunningServer[] = [];
const clients: Client[] = [];
const folders: string[] = [];
let a: Client;
let b: Client;

beforeAll(async () => {
  if (!ON_POSTGRES) return;
  databaseUrl = await freshTestDatabase('calendar_replicas');
  if (!databaseUrl) return;
  const ports = [await freePort(), await freePort()];
  const redirect = (port: number) => `http://127.0.0.1:${port}/oauth/callback`;
  emulator = await startEmulator({ port: 0, clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: ports.map(redirect) }] });
  const encryptionKey = randomBytes(32).toString('base64');
  for (const port of ports) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'agendo-replica-'));
    folders.push(dataDir);
    const config = loadConfig({
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      MCP_API_KEY: API_KEY,
      ADMIN_ORIGIN,
      GOOGLE_OAUTH_CLIENT_ID: CLIENT_ID,
      GOOGLE_OAUTH_CLIENT_SECRET: CLIENT_SECRET,
      GOOGLE_OAUTH_REDIRECT_URI: redirect(port),
      GOOGLE_OAUTH_BASE_URL: emulator.url,
      TOKEN_ENCRYPTION_KEY: encryptionKey,
      PUBLIC_BASE_URL: `http://127.0.0.1:${ports[1]}`,
      LOG_LEVEL: 'silent',
    });
    replicas.push(await startServer(config, { logger: false, retry: FAST_RETRY }));
  }
  await control(`/calendars/${CUSTOMER.email}`, { method: 'PUT', json: { timeZone: 'Europe/Madrid' } });
  // Connected through A.
  const res = await fetch(`${replicas[0]!.url}/oauth/authorize`, {
    method: 'POST',
    headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ customer_id: CUSTOMER.id, email: CUSTOMER.email }),
  });
  const { authorization_url } = (await res.json()) as { authorization_url: string };
  const page = await fetch(await approveConsent(authorization_url));
  if (page.status !== 200) throw new Error(`connecting through replica A failed: ${page.status}`);
  a = await mcp(replicas[0]!);
  b = await mcp(replicas[1]!);
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
  for (const replica of replicas) await replica.close();
  await emulator?.close();
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

beforeEach((ctx) => {
  if (!ON_POSTGRES) ctx.skip('replicas share a PostgreSQL database: this runs in the postgres project');
  if (!databaseUrl) ctx.skip('no PostgreSQL in this run (apt-get install -y postgresql): two replicas need a shared database');
});

async function mcp(server: RunningServer): Promise<Client> {
  const client = new Client({ name: 'agendo-replicas-test', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), { requestInit: { headers: { authorization: `Bearer ${API_KEY}`, 'x-customer-id': CUSTOMER.id } } }),
  );
  clients.push(client);
  return client;
}

async function control(pathname: string, init: { method?: string; json?: unknown } = {}): Promise<unknown> {
  const res = await fetch(`${emulator!.url}/__emulator${pathname}`, {
    method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
    ...(init.json === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(init.json) }),
  });
  if (!res.ok) throw new Error(`control ${pathname}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? undefined : res.json();
}

const counts = async () => ((await control('/requests')) as { counts: Record<string, number> }).counts;
const count = async (endpoint: string) => (await counts())[endpoint] ?? 0;
// Calendar API requests made for bookings (channel upkeep, events.watch and channels.stop, aside), as the bench counts them.
const calendarRequests = (c: Record<string, number>) =>
  Object.entries(c)
    .filter(([k]) => k.startsWith('calendar.') && !k.startsWith('calendar.events.watch') && !k.startsWith('calendar.channels.'))
    .reduce((n, [, v]) => n + v, 0);
const events = async () => ((await control(`/calendars/${CUSTOMER.email}/events`)) as { items: StandInEvent[] }).items;
const channels = async () => ((await control('/channels')) as { channels: ChannelStatus[] }).channels.filter((c) => c.calendar === CUSTOMER.email);
const free = (result: ToolCallResult) => toolOk<{ free: boolean }>(result).free;
const confirmedAt = async (start: string) => (await events()).filter((e) => e.status === 'confirmed' && Date.parse(e.start.dateTime ?? '') === Date.parse(start));

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 5_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('two replicas on one PostgreSQL database', () => {
  it("one push channel for the calendar; a notification delivered to B drops A's cached answer", async () => {
    const channel = await until('a live channel', async () => {
      const live = await channels();
      return live.length === 1 && live[0]!.delivered >= 1 && live[0]!.pending === 0 ? live[0] : undefined;
    });
    expect(channel.address).toBe(`${replicas[1]!.url}${NOTIFICATION_PATH}`);
    expect(await channels()).toHaveLength(1);

    const slot = futureSlot(42, 9);
    expect(free(await callTool(a, 'check_availability', slot))).toBe(true);
    const reads = await count('calendar.freebusy.query');
    expect(free(await callTool(a, 'check_availability', slot))).toBe(true);
    expect(await count('calendar.freebusy.query')).toBe(reads);

    // The owner adds an event in Google: the stand-in tells B (the channel's address), B tells A.
    const delivered = channel.delivered;
    await control(`/calendars/${CUSTOMER.email}/events`, { json: { summary: 'Puesto a mano', start: { dateTime: slot.start }, end: { dateTime: slot.end } } });
    await until('the notification delivered to B', async () => {
      const [now] = await channels();
      return now && now.delivered > delivered && now.pending === 0 ? now : undefined;
    });
    expect(free(await callTool(a, 'check_availability', slot))).toBe(false);
  });

  it('a check through A, then a booking through B, costs two Google calendar requests while the channel is live', async () => {
    await until('a live channel', async () => {
      const live = await channels();
      return live.length === 1 && live[0]!.delivered >= 1 && live[0]!.pending === 0 ? live[0] : undefined;
    });
    // Google's notification of each booking drops the calendar's answers, as any change must: the next
    // check waits for it, as a real conversation (slower than that) does.
    const notified = async (delivered: number, expected: number) =>
      until('the notifications of the bookings', async () => {
        const [now] = await channels();
        return now && now.delivered >= delivered + expected && now.pending === 0 ? now : undefined;
      });
    // Each replica reads the calendar's time zone once and keeps it: not part of what a booking costs.
    let delivered = (await channels())[0]!.delivered;
    for (const [i, client] of [a, b].entries())
      toolOk(await callTool(client, 'create_booking', { ...futureSlot(44, 9 + i), title: 'Calentando', idempotency_key: `replica-warm-${i}` }));
    delivered = (await notified(delivered, 2)).delivered;
    for (const [i, hour] of [9, 10, 11].entries()) {
      const slot = futureSlot(43, hour);
      const before = calendarRequests(await counts());
      expect(free(await callTool(a, 'check_availability', slot))).toBe(true);
      const created = toolOk<{ created: boolean }>(await callTool(b, 'create_booking', { ...slot, title: `A y luego B ${i}`, idempotency_key: `replica-check-a-book-b-${i}` }));
      expect(created.created).toBe(true);
      // One freebusy read (through A, answered for B from the shared table) and one insert.
      expect(calendarRequests(await counts()) - before).toBe(2);
      expect(await confirmedAt(slot.start)).toHaveLength(1);
      delivered = (await notified(delivered, 1)).delivered;
    }
    // And the other way round: the booking through B is seen by A at once.
    expect(free(await callTool(a, 'check_availability', futureSlot(43, 10)))).toBe(false);
  });

  describe('with no notification to help (the channel ended at the stand-in)', () => {
    beforeAll(async () => {
      if (!emulator) return;
      await control('/channels/expire', { json: {} });
      if ((await channels()).length !== 0) throw new Error('the stand-in still has a live channel');
    });

    it('20 concurrent bookings of one slot with different keys, split over both replicas, make exactly one event', async () => {
      const slot = futureSlot(40, 9);
      // Slow inserts: without one lock across replicas, both would check "free" and insert.
      await control('/faults', { json: { endpoint: 'calendar.events.insert', latencyMs: 200, count: 2 } });
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => callTool(i % 2 === 0 ? a : b, 'create_booking', { ...slot, title: `Réplica ${i}`, idempotency_key: `replica-race-${i}` })),
      );
      expect(results.filter((r) => !r.isError)).toHaveLength(1);
      for (const r of results.filter((x) => x.isError)) expect(toolErrorText(r)).toMatch(/^slot_unavailable: /);
      expect(await confirmedAt(slot.start)).toHaveLength(1);
      await control('/faults', { method: 'DELETE' });
    });

    it('the same idempotency key on both replicas at once makes one event', async () => {
      const slot = futureSlot(40, 11);
      const request = { ...slot, title: 'Mismo sí dos veces', idempotency_key: 'replica-same-key' };
      const [onA, onB] = await Promise.all([callTool(a, 'create_booking', request), callTool(b, 'create_booking', request)]);
      const booked = [onA, onB].map((r) => toolOk<{ booking: { booking_id: string }; created: boolean }>(r));
      expect(booked[0]!.booking.booking_id).toBe(booked[1]!.booking.booking_id);
      expect(booked.map((x) => x.created).sort()).toEqual([false, true]);
      expect(await confirmedAt(slot.start)).toHaveLength(1);
    });

    it('a 200-call storm over both replicas with an expired access token makes exactly one refresh', async () => {
      await control('/tokens/expire', { json: { email: CUSTOMER.email } });
      const before = await count('token.refresh_token');
      const results = await Promise.all(Array.from({ length: 200 }, (_, i) => callTool(i % 2 === 0 ? a : b, 'check_availability', futureSlot(60 + (i % 5), 10))));
      expect(results.filter((r) => r.isError).map((r) => toolErrorText(r))).toEqual([]);
      expect((await count('token.refresh_token')) - before).toBe(1);
      // Both replicas now hold the refreshed token: neither refreshes again.
      expect((await replicas[0]!.vault.get(CUSTOMER.id))?.tokens.expiryDate).toBeGreaterThan(Date.now() + 50 * 60_000);
    });

    it('a booking through A makes B answer busy, although B had the slot cached as free', async () => {
      const slot = futureSlot(41, 9);
      expect(free(await callTool(b, 'check_availability', slot))).toBe(true);
      // B's answer is cached: asking again does not reach Google.
      const reads = await count('calendar.freebusy.query');
      expect(free(await callTool(b, 'check_availability', slot))).toBe(true);
      expect(await count('calendar.freebusy.query')).toBe(reads);

      toolOk(await callTool(a, 'create_booking', { ...slot, title: 'Por A', idempotency_key: 'replica-a-then-b' }));
      expect(free(await callTool(b, 'check_availability', slot))).toBe(false);
    });
  });
});

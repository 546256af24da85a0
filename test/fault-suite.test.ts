/**
 * The fault suite: the real services as processes (the MCP Calendar Server, the assistant with its
 * WhatsApp channel, the admin's server), Google and Meta as stand-ins, and faults in the middle of
 * bursts of work — answers Google loses after writing, Google requests that hang past their timeout,
 * and kill -9 of each of our services followed by a restart. Clients retry as real ones do (MCP with
 * the same idempotency key, Meta redelivering every webhook until it gets a 200). Afterwards the
 * invariants are checked in the stand-in's calendars: no duplicate event, no overlap, no lost message.
 */
import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { toolErrorSchema } from '@agendo/contracts';
import { freePort } from '@agendo/free-port';
import { approveConsent, type RunningEmulator, startEmulator } from '@agendo/google-emulator';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphApiStandIn } from '../apps/assistant/test/whatsapp/graph-api-stand-in.js';
import { textNotification } from './bad-inputs/webhook-cases.js';
import { calendarViolations, type ListedEvent } from './faults/calendar-invariants.js';
import { ServiceProcess } from './faults/service-process.js';

const CLIENT_ID = 'agendo-faults.apps.googleusercontent.com';
const CLIENT_SECRET = 'agendo-faults-secret';
const MCP_API_KEY = randomBytes(24).toString('base64url');
const ADMIN_TOKEN = randomBytes(24).toString('base64url');
const WHATSAPP = { verifyToken: 'verify-faults', appSecret: 'app-secret-faults', accessToken: 'graph-token-faults', phoneNumberId: '106540352242999' };
const TIME_ZONE = 'America/Mexico_City';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let emulator: RunningEmulator;
let graph: GraphApiStandIn;
let dataDir: string;
let calendarServer: ServiceProcess;
let assistant: ServiceProcess;
let admin: ServiceProcess;
const urls = { calendar: '', assistant: '', admin: '' };

/** Customers of the suite, each with a Google account and a WhatsApp number of their own. */
const customers = Array.from({ length: 4 }, (_, i) => ({ customer_id: `falla-${i}`, email: `falla${i}@ejemplo.com`, name: `Cliente ${i}`, phone: `52155100000${i}0` }));

async function control(pathname: string, json?: unknown, method?: string): Promise<unknown> {
  const res = await fetch(`${emulator.url}/__emulator${pathname}`, {
    method: method ?? (json === undefined ? 'GET' : 'POST'),
    ...(json === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(json) }),
  });
  if (!res.ok) throw new Error(`control ${pathname}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? undefined : res.json();
}

const events = async (email: string) => ((await control(`/calendars/${email}/events`)) as { items: ListedEvent[] }).items;
const liveEvents = async (email: string) => (await events(email)).filter((e) => e.status !== 'cancelled');

/** Admin API through the admin's server, as the browser reaches it. */
async function adminApi(pathname: string, init: { method?: string; json?: unknown } = {}): Promise<Response> {
  return fetch(`${urls.admin}${pathname}`, {
    method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(init.json === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
  });
}

async function mcpClient(customerId: string): Promise<Client> {
  const client = new Client({ name: 'fault-suite', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${urls.calendar}/mcp`), { requestInit: { headers: { authorization: `Bearer ${MCP_API_KEY}`, 'x-customer-id': customerId } } }),
  );
  return client;
}

/** A booking slot `n` hours into a day some weeks ahead, in whole hours so bookings never overlap each other. */
function slot(day: number, hour: number): { start: string; end: string } {
  const start = new Date(Date.UTC(new Date().getUTCFullYear() + 1, 2, 2 + day, 15 + hour));
  return { start: start.toISOString(), end: new Date(start.getTime() + 3_600_000).toISOString() };
}

/**
 * Books with retries as a careful MCP client does: the same idempotency key until the tool answers;
 * every attempt may meet a dead server (connection refused) or an unknown outcome.
 */
async function bookWithRetries(customerId: string, key: string, when: { start: string; end: string }, deadline = Date.now() + 60_000): Promise<void> {
  let last = '';
  while (Date.now() < deadline) {
    try {
      const client = await mcpClient(customerId);
      try {
        const result = await client.callTool({ name: 'create_booking', arguments: { ...when, title: 'Reserva', idempotency_key: key } });
        if (!result.isError) return;
        const text = (result.content as { type: string; text?: string }[]).map((c) => c.text ?? '').join('');
        last = text.slice(0, 300);
        const { code } = toolErrorSchema.parse(JSON.parse(text)).error;
        if (code === 'slot_unavailable' || code === 'invalid_argument') throw new Error(`booking ${key} refused: ${last}`);
      } finally {
        await client.close().catch(() => undefined);
      }
    } catch (err) {
      if (/refused:/.test((err as Error).message)) throw err;
      last = (err as Error).message;
    }
    await sleep(150);
  }
  throw new Error(`booking ${key} never succeeded: ${last}`);
}

/** Meta's side of the webhook: delivers a signed message and redelivers until it is answered 200. */
async function deliverUntilAccepted(from: string, id: string, body: string, deadline = Date.now() + 60_000): Promise<void> {
  const payload = textNotification(WHATSAPP.phoneNumberId, from, id, body);
  const signature = `sha256=${createHmac('sha256', WHATSAPP.appSecret).update(payload, 'utf8').digest('hex')}`;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${urls.assistant}/webhooks/whatsapp`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
        body: payload,
      });
      if (res.status === 200) return;
    } catch {
      // the assistant is down: Meta tries again later
    }
    await sleep(200);
  }
  throw new Error(`message ${id} was never accepted`);
}

/** Waits until `predicate` holds for the replies WhatsApp has delivered to `phone`. */
async function waitForReplies(phone: string, predicate: (texts: string[]) => boolean, what: string, ms = 40_000): Promise<string[]> {
  const deadline = Date.now() + ms;
  for (;;) {
    const texts = graph.messages.filter((m) => m.to === phone).map((m) => m.text);
    if (predicate(texts)) return texts;
    if (Date.now() > deadline) throw new Error(`${what}: replies to ${phone} were ${JSON.stringify(texts)}\n--- assistant ---\n${assistant.output.slice(-2000)}`);
    await sleep(100);
  }
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'agendo-faults-'));
  const ports = { calendar: await freePort(), assistant: await freePort(), admin: await freePort() };
  urls.calendar = `http://127.0.0.1:${ports.calendar}`;
  urls.assistant = `http://127.0.0.1:${ports.assistant}`;
  urls.admin = `http://127.0.0.1:${ports.admin}`;
  const redirectUri = `${urls.calendar}/oauth/callback`;
  emulator = await startEmulator({ port: 0, clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [redirectUri] }] });
  graph = await GraphApiStandIn.start({ accessToken: WHATSAPP.accessToken, phoneNumberIds: [WHATSAPP.phoneNumberId] });
  calendarServer = new ServiceProcess(
    'calendar-server',
    'apps/calendar-server/src/main.ts',
    {
      HOST: '127.0.0.1',
      PORT: String(ports.calendar),
      DATA_DIR: path.join(dataDir, 'calendar'),
      MCP_API_KEY,
      GOOGLE_OAUTH_CLIENT_ID: CLIENT_ID,
      GOOGLE_OAUTH_CLIENT_SECRET: CLIENT_SECRET,
      GOOGLE_OAUTH_REDIRECT_URI: redirectUri,
      GOOGLE_OAUTH_BASE_URL: emulator.url,
      TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      GOOGLE_REQUEST_TIMEOUT_MS: '1500',
      TOOL_DEADLINE_MS: '5000',
      LOG_LEVEL: 'warn',
    },
    `${urls.calendar}/healthz`,
  );
  assistant = new ServiceProcess(
    'assistant',
    'apps/assistant/src/main.ts',
    {
      HOST: '127.0.0.1',
      ASSISTANT_PORT: String(ports.assistant),
      DATA_DIR: path.join(dataDir, 'assistant'),
      ADMIN_PASSWORD: 'clave-de-prueba-123',
      ADMIN_TOKEN,
      MCP_SERVER_URL: urls.calendar,
      MCP_API_KEY,
      LOG_LEVEL: 'warn',
      WHATSAPP_VERIFY_TOKEN: WHATSAPP.verifyToken,
      WHATSAPP_APP_SECRET: WHATSAPP.appSecret,
      WHATSAPP_ACCESS_TOKEN: WHATSAPP.accessToken,
      WHATSAPP_PHONE_NUMBER_ID: WHATSAPP.phoneNumberId,
      WHATSAPP_API_BASE_URL: graph.baseUrl,
    },
    `${urls.assistant}/healthz`,
  );
  admin = new ServiceProcess(
    'admin',
    'apps/admin/server/server.ts',
    { ADMIN_HOST: '127.0.0.1', ADMIN_PORT: String(ports.admin), ASSISTANT_URL: urls.assistant, ADMIN_DIST_DIR: path.join(dataDir, 'admin-public'), LOG_LEVEL: 'warn' },
    `${urls.admin}/healthz`,
  );
  fs.mkdirSync(path.join(dataDir, 'admin-public', 'assets'), { recursive: true });
  fs.writeFileSync(path.join(dataDir, 'admin-public', 'index.html'), '<!doctype html><title>Agendo</title><div id="root"></div>');
  await Promise.all([calendarServer.start(), assistant.start(), admin.start()]);

  for (const customer of customers) {
    const created = await adminApi('/api/admin/customers', { json: customer });
    expect(created.status, await created.clone().text()).toBe(201);
    await control(`/calendars/${customer.email}`, { timeZone: TIME_ZONE }, 'PUT');
    const connect = await adminApi(`/api/admin/customers/${customer.customer_id}/calendar/connect`, { json: {} });
    const { authorization_url } = (await connect.json()) as { authorization_url: string };
    expect((await fetch(await approveConsent(authorization_url))).status).toBe(200);
  }
}, 120_000);

afterAll(async () => {
  await Promise.all([calendarServer?.stop(), assistant?.stop(), admin?.stop()]);
  await graph?.close();
  await emulator?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}, 30_000);

describe('the fault suite', { timeout: 120_000 }, () => {
  it('Google loses the answer after writing: every booking exists once after the client retries', async () => {
    await control('/faults', { endpoint: 'calendar.events.insert', status: 500, mode: 'after', count: 6 });
    await Promise.all(customers.map((c, i) => Promise.all([0, 1, 2].map((h) => bookWithRetries(c.customer_id, `lost-${i}-${h}`, slot(0, h))))));
    for (const c of customers) {
      const live = await liveEvents(c.email);
      expect(live).toHaveLength(3);
      expect(calendarViolations(live)).toEqual([]);
    }
  });

  it('a Google request that hangs past its timeout is an unknown outcome: the retry finds the event, never a second one', async () => {
    // The stand-in holds each insert 4 s before doing it: the calendar server's 1.5 s timeout gives up first.
    await control('/faults', { endpoint: 'calendar.events.insert', latencyMs: 4000, count: 2 });
    await Promise.all(customers.slice(0, 2).map((c, i) => bookWithRetries(c.customer_id, `slow-key-${i}`, slot(1, 0))));
    await sleep(4500);
    for (const c of customers.slice(0, 2)) {
      const live = (await liveEvents(c.email)).filter((e) => e.start.dateTime && Date.parse(e.start.dateTime) === Date.parse(slot(1, 0).start));
      expect(live).toHaveLength(1);
    }
  });

  it('kill -9 of the MCP Calendar Server in the middle of 48 bookings: after restart and retries each exists exactly once', async () => {
    const jobs = customers.flatMap((c, i) => Array.from({ length: 12 }, (_, h) => ({ customer: c, key: `burst-${i}-${h}`, when: slot(2 + Math.floor(h / 6), h % 6) })));
    let done = 0;
    const running = Promise.all(
      jobs.map(async (job, n) => {
        await sleep(n * 15);
        await bookWithRetries(job.customer.customer_id, job.key, job.when);
        done += 1;
      }),
    );
    while (done < 10) await sleep(20);
    await calendarServer.kill9();
    await sleep(300);
    await calendarServer.start();
    await running;
    for (const c of customers) {
      const live = await liveEvents(c.email);
      for (const job of jobs.filter((j) => j.customer === c)) {
        expect(
          live.filter((e) => Date.parse(e.start.dateTime ?? '') === Date.parse(job.when.start)),
          job.key,
        ).toHaveLength(1);
      }
      expect(calendarViolations(live)).toEqual([]);
    }
  });

  it('kill -9 of the assistant in the middle of WhatsApp conversations: no message lost, each booking made once', async () => {
    const day = `el ${['lunes', 'martes', 'miércoles', 'jueves'][0]}`;
    // Each customer asks for a time of their own; the burst is cut by a kill -9 and Meta redelivers.
    const asks = customers.map((c, i) => deliverUntilAccepted(c.phone, `wamid.ask-${i}-${Date.now()}`, `Hola, quiero reservar ${day} a las ${9 + i} de la mañana`));
    await sleep(150);
    await assistant.kill9();
    await sleep(300);
    await assistant.start();
    await Promise.all(asks);
    for (const c of customers) await waitForReplies(c.phone, (t) => t.some((x) => x.includes('¿Confirmas')), 'the proposal');

    const yeses = customers.map((c, i) => deliverUntilAccepted(c.phone, `wamid.yes-${i}-${Date.now()}`, 'sí, confirmo'));
    await sleep(100);
    await assistant.kill9();
    await sleep(300);
    await assistant.start();
    await Promise.all(yeses);
    for (const c of customers) {
      const texts = await waitForReplies(c.phone, (t) => t.some((x) => x.includes('Reserva confirmada')), 'the confirmation');
      // Each reply at most once: the confirmation is not sent twice after the restart.
      expect(texts.filter((x) => x.includes('Reserva confirmada'))).toHaveLength(1);
      const live = await liveEvents(c.email);
      expect(calendarViolations(live)).toEqual([]);
    }
  });

  it("kill -9 of the admin's server in the middle of adding 20 customers: each exists once after the admin retries", async () => {
    const added = Array.from({ length: 20 }, (_, i) => ({ customer_id: `nuevo-${i}`, email: `nuevo${i}@ejemplo.com`, name: `Nuevo ${i}` }));
    let done = 0;
    const running = Promise.all(
      added.map(async (customer, n) => {
        await sleep(n * 10);
        for (let attempt = 0; attempt < 200; attempt++) {
          try {
            const res = await adminApi('/api/admin/customers', { json: customer });
            // 409: the first attempt reached the assistant before the proxy died.
            if (res.status === 201 || res.status === 409) break;
          } catch {
            // the admin's server is down: try again
          }
          await sleep(100);
        }
        done += 1;
      }),
    );
    while (done < 5) await sleep(10);
    await admin.kill9();
    await sleep(200);
    await admin.start();
    await running;
    const list = (await (await adminApi('/api/admin/customers?q=nuevo-&page_size=100')).json()) as { customers?: { customer_id: string }[]; items?: { customer_id: string }[] };
    const ids = (list.customers ?? list.items ?? []).map((c) => c.customer_id).filter((id) => id.startsWith('nuevo-'));
    expect(ids.sort()).toEqual(added.map((c) => c.customer_id).sort());
  });
});

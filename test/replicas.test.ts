/**
 * The replica test: the system as deploy/ runs it — PostgreSQL, two built replicas each of the MCP
 * Calendar Server, the assistant and the admin, nginx in front rendered from deploy/nginx.conf.template —
 * with Google and Meta as stand-ins. Through nginx (and each replica directly where the test needs to
 * say "A" and "B") every guarantee of one process must hold across two: one event per slot and per
 * idempotency key, one token refresh per storm, no stale "free" on the other replica, one reply and one
 * booking per WhatsApp message, every booking exactly once after a kill -9, and the OAuth callback on
 * whichever replica it lands. Skipped, saying why, only where nginx or PostgreSQL is not installed.
 */
import { createHmac } from 'node:crypto';
import { toolErrorSchema } from '@agendo/contracts';
import { findPostgresBinaries } from '@agendo/database/test-cluster';
import { approveConsent } from '@agendo/google-emulator';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findNginx } from '../apps/calendar-server/bench/nginx-front.js';
import { textNotification } from './bad-inputs/webhook-cases.js';
import { calendarViolations, type ListedEvent } from './faults/calendar-invariants.js';
import { type ReplicatedSystem, startReplicatedSystem } from './replicas/replicated-system.js';

const TIME_ZONE = 'America/Mexico_City';
const unavailable = !findNginx()
  ? 'nginx is not installed (apt-get install -y nginx; .ci/run installs it)'
  : !findPostgresBinaries()
    ? 'PostgreSQL is not installed (apt-get install -y postgresql; .ci/run installs it)'
    : undefined;
if (unavailable) console.warn(`replica test skipped: ${unavailable}`);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let system: ReplicatedSystem;

/** Customers of the test, each with a Google account and a WhatsApp number of their own. */
const customers = {
  slots: { customer_id: 'replica-slots', email: 'replica.slots@ejemplo.com', name: 'Slots', phone: '5215510000010' },
  storm: { customer_id: 'replica-storm', email: 'replica.storm@ejemplo.com', name: 'Storm', phone: '5215510000020' },
  cache: { customer_id: 'replica-cache', email: 'replica.cache@ejemplo.com', name: 'Cache', phone: '5215510000030' },
  chat: { customer_id: 'replica-chat', email: 'replica.chat@ejemplo.com', name: 'Chat', phone: '5215510000040' },
  burst: { customer_id: 'replica-burst', email: 'replica.burst@ejemplo.com', name: 'Burst', phone: '5215510000050' },
};

async function control(pathname: string, json?: unknown, method?: string): Promise<unknown> {
  const res = await fetch(`${system.emulator.url}/__emulator${pathname}`, {
    method: method ?? (json === undefined ? 'GET' : 'POST'),
    ...(json === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(json) }),
  });
  if (!res.ok) throw new Error(`control ${pathname}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? undefined : res.json();
}
const liveEvents = async (email: string) => ((await control(`/calendars/${email}/events`)) as { items: ListedEvent[] }).items.filter((e) => e.status !== 'cancelled');
const requestCounts = async () => ((await control('/requests')) as { counts: Record<string, number> }).counts;

/** The admin API as the browser reaches it: nginx's public face, `/api` straight to an assistant replica. */
async function adminApi(pathname: string, init: { method?: string; json?: unknown } = {}): Promise<Response> {
  return fetch(`${system.nginx.publicUrl}${pathname}`, {
    method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
    headers: { authorization: `Bearer ${system.secrets.adminToken}`, ...(init.json === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
  });
}

/** An MCP client of `base` (nginx's internal face or one replica) for one customer. */
async function mcpClient(base: string, customerId: string): Promise<Client> {
  const client = new Client({ name: 'replica-test', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${base}/mcp`), { requestInit: { headers: { authorization: `Bearer ${system.secrets.mcpApiKey}`, 'x-customer-id': customerId } } }),
  );
  return client;
}

interface ToolAnswer {
  isError: boolean;
  text: string;
  structured: Record<string, unknown> | undefined;
}
/** One tool call on a fresh client (connect, call, close), as a stateless MCP client does. */
async function callTool(base: string, customerId: string, name: string, args: Record<string, unknown>): Promise<ToolAnswer> {
  const client = await mcpClient(base, customerId);
  try {
    const result = await client.callTool({ name, arguments: args });
    const text = (result.content as { type: string; text?: string }[]).map((c) => c.text ?? '').join('\n');
    return { isError: result.isError === true, text, structured: result.structuredContent as Record<string, unknown> | undefined };
  } finally {
    await client.close().catch(() => undefined);
  }
}

/** An hour-long slot `hour` hours into day `day` from two days ahead (inside the booking horizon). */
function slot(day: number, hour: number): { start: string; end: string } {
  const midnight = Math.ceil(Date.now() / 86_400_000) * 86_400_000;
  const start = new Date(midnight + (2 + day) * 86_400_000 + (14 + hour) * 3_600_000);
  return { start: start.toISOString(), end: new Date(start.getTime() + 3_600_000).toISOString() };
}
const at = (events: ListedEvent[], when: { start: string }) => events.filter((e) => Date.parse(e.start.dateTime ?? '') === Date.parse(when.start));

/**
 * Books as a careful MCP client does: the same idempotency key until the tool answers, through nginx;
 * an attempt may meet a dead replica (nginx answers 502) or an unknown outcome.
 */
async function bookWithRetries(customerId: string, key: string, when: { start: string; end: string }, deadline = Date.now() + 40_000): Promise<void> {
  let last = '';
  while (Date.now() < deadline) {
    try {
      const answer = await callTool(system.nginx.internalUrl, customerId, 'create_booking', { ...when, title: 'Reserva', idempotency_key: key });
      if (!answer.isError) return;
      last = answer.text.slice(0, 300);
      const { code } = toolErrorSchema.parse(JSON.parse(answer.text)).error;
      if (code === 'slot_unavailable' || code === 'invalid_argument') throw new Error(`booking ${key} refused: ${last}`);
    } catch (err) {
      if (/refused:/.test((err as Error).message)) throw err;
      last = (err as Error).message;
    }
    await sleep(100);
  }
  throw new Error(`booking ${key} never succeeded: ${last}`);
}

/** Meta's side: one signed delivery of a text message to `base` (an assistant replica or nginx); the status. */
async function deliver(base: string, from: string, id: string, body: string): Promise<number> {
  const payload = textNotification(system.secrets.whatsapp.phoneNumberId, from, id, body);
  const signature = `sha256=${createHmac('sha256', system.secrets.whatsapp.appSecret).update(payload, 'utf8').digest('hex')}`;
  const res = await fetch(`${base}/webhooks/whatsapp`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature }, body: payload });
  await res.arrayBuffer();
  return res.status;
}
const repliesTo = (phone: string) => system.graph.messages.filter((m) => m.to === phone).map((m) => m.text);
async function waitForReplies(phone: string, predicate: (texts: string[]) => boolean, what: string, ms = 30_000): Promise<string[]> {
  const deadline = Date.now() + ms;
  for (;;) {
    const texts = repliesTo(phone);
    if (predicate(texts)) return texts;
    if (Date.now() > deadline) throw new Error(`${what}: replies to ${phone} were ${JSON.stringify(texts)}\n${system.output()}`);
    await sleep(100);
  }
}

/** The replicas (host:port) nginx sent the requests matching `pattern` to, since line `from` of its access log. */
function upstreamsOf(pattern: RegExp, from = 0): Set<string> {
  return new Set(
    system.nginx
      .accessLog()
      .slice(from)
      .filter((line) => pattern.test(line.request))
      .flatMap((line) => line.upstream.split(', ')),
  );
}
const hostPort = (url: string) => new URL(url).host;

describe.skipIf(unavailable !== undefined)('two replicas of each service on PostgreSQL behind nginx', { timeout: 60_000 }, () => {
  beforeAll(async () => {
    system = await startReplicatedSystem();
    for (const customer of Object.values(customers)) {
      await control(`/calendars/${customer.email}`, { timeZone: TIME_ZONE }, 'PUT');
      const created = await adminApi('/api/admin/customers', { json: customer });
      expect(created.status, await created.clone().text()).toBe(201);
      const connect = await adminApi(`/api/admin/customers/${customer.customer_id}/calendar/connect`, { json: {} });
      expect(connect.status, await connect.clone().text()).toBe(200);
      const { authorization_url } = (await connect.json()) as { authorization_url: string };
      // The consent page sends the browser to nginx's public /oauth/callback: either replica takes it.
      const callback = await approveConsent(authorization_url);
      expect(callback.startsWith(`${system.nginx.publicUrl}/oauth/callback?`)).toBe(true);
      const page = await fetch(callback);
      expect(page.status, await page.clone().text()).toBe(200);
    }
  }, 120_000);

  afterAll(async () => {
    await system?.stop();
  }, 30_000);

  it('serves the admin pages, /api and the calendar API through nginx, spreading requests over both replicas', async () => {
    const from = system.nginx.accessLog().length;
    for (let i = 0; i < 4; i++) {
      const page = await fetch(`${system.nginx.publicUrl}/clientes`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
      const config = (await (await fetch(`${system.nginx.publicUrl}/config.json`)).json()) as { calendarOrigins?: string[] };
      expect(JSON.stringify(config)).toContain(system.nginx.publicUrl);
      expect((await adminApi(`/api/admin/customers/${customers.slots.customer_id}/calendar`)).status).toBe(200);
      const status = await fetch(`${system.nginx.internalUrl}/oauth/status/${customers.slots.customer_id}`, { headers: { authorization: `Bearer ${system.secrets.mcpApiKey}` } });
      expect(((await status.json()) as { status: string }).status).toBe('connected');
    }
    expect(upstreamsOf(/^GET \/(clientes|config\.json)/, from)).toEqual(new Set(system.admin.urls.map(hostPort)));
    expect(upstreamsOf(/^GET \/api\/admin\/customers/, from)).toEqual(new Set(system.assistant.urls.map(hostPort)));
    expect(upstreamsOf(/^GET \/oauth\/status/, from)).toEqual(new Set(system.calendar.urls.map(hostPort)));
  });

  it('OAuth: a state created on replica A is accepted by a callback on replica B, and the connection is seen by both', async () => {
    const customer = { customer_id: 'replica-oauth', email: 'replica.oauth@ejemplo.com' };
    const [a, b] = system.calendar.urls;
    const authorize = await fetch(`${a}/oauth/authorize`, {
      method: 'POST',
      headers: { authorization: `Bearer ${system.secrets.mcpApiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(customer),
    });
    expect(authorize.status).toBe(200);
    const { authorization_url } = (await authorize.json()) as { authorization_url: string };
    const callback = new URL(await approveConsent(authorization_url));
    const page = await fetch(`${b}${callback.pathname}${callback.search}`);
    expect(page.status, await page.clone().text()).toBe(200);
    for (const base of [a, b]) {
      const status = await fetch(`${base}/oauth/status/${customer.customer_id}`, { headers: { authorization: `Bearer ${system.secrets.mcpApiKey}` } });
      expect(((await status.json()) as { status: string }).status).toBe('connected');
    }
    // The state is single-use on every replica: the same callback again, on A, is refused.
    expect((await fetch(`${a}${callback.pathname}${callback.search}`)).status).toBe(409);
  });

  it('20 concurrent create_booking of one slot with different keys → exactly one event; one key on both replicas at once → one event', async () => {
    const { customer_id, email } = customers.slots;
    const when = slot(0, 0);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => callTool(system.nginx.internalUrl, customer_id, 'create_booking', { ...when, title: 'Reserva', idempotency_key: `slot-race-${i}` })),
    );
    expect(answers.filter((a) => !a.isError)).toHaveLength(1);
    const codeOf = (text: string) => (JSON.parse(text) as { error?: { code?: string } }).error?.code;
    expect(
      answers.filter((a) => a.isError).every((a) => codeOf(a.text) === 'slot_unavailable'),
      answers.map((a) => a.text.slice(0, 80)).join('\n'),
    ).toBe(true);
    expect(at(await liveEvents(email), when)).toHaveLength(1);
    expect(upstreamsOf(/^POST \/mcp/)).toEqual(new Set(system.calendar.urls.map(hostPort)));

    for (let round = 0; round < 3; round++) {
      const same = slot(0, 2 + round);
      const both = await Promise.all(
        system.calendar.urls.map((base) => callTool(base, customer_id, 'create_booking', { ...same, title: 'Reserva', idempotency_key: `same-key-${round}` })),
      );
      expect(
        both.map((a) => a.isError),
        both.map((a) => a.text.slice(0, 120)).join('\n'),
      ).toEqual([false, false]);
      const ids = both.map((a) => (a.structured?.booking as { booking_id?: string } | undefined)?.booking_id);
      expect(ids[0]).toBeDefined();
      expect(ids[1]).toBe(ids[0]);
      // One of the two made it, the other found it.
      expect(both.map((a) => a.structured?.created).sort()).toEqual([false, true]);
      expect(at(await liveEvents(email), same)).toHaveLength(1);
    }
    expect(calendarViolations(await liveEvents(email))).toEqual([]);
  });

  it('a 200-call storm over both replicas with an expired access token → exactly one refresh at Google', async () => {
    const { customer_id, email } = customers.storm;
    // Warm both replicas' caches of the connection first, so the storm meets a cached, expired token.
    for (const base of system.calendar.urls) expect((await callTool(base, customer_id, 'get_calendar_info', {})).isError).toBe(false);
    await control('/tokens/expire', { email });
    const before = (await requestCounts())['token.refresh_token'] ?? 0;
    const clients = await Promise.all(Array.from({ length: 10 }, (_, i) => mcpClient(i % 2 === 0 ? system.nginx.internalUrl : system.calendar.urls[(i >> 1) % 2]!, customer_id)));
    try {
      const results = await Promise.all(
        Array.from({ length: 200 }, (_, n) => clients[n % clients.length]!.callTool({ name: 'check_availability', arguments: slot(-30 - Math.floor(n / 10), n % 10) })),
      );
      expect(results.filter((r) => r.isError).map((r) => JSON.stringify(r.content).slice(0, 200))).toEqual([]);
    } finally {
      await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
    }
    expect(((await requestCounts())['token.refresh_token'] ?? 0) - before).toBe(1);
  });

  it('a booking through replica A, then check_availability through replica B → busy (B had just seen the slot free); also through nginx', async () => {
    const { customer_id } = customers.cache;
    const [a, b] = system.calendar.urls;
    const when = slot(1, 0);
    const first = await callTool(b, customer_id, 'check_availability', when);
    expect(first.structured?.free, first.text).toBe(true);
    expect((await callTool(a, customer_id, 'create_booking', { ...when, title: 'Reserva', idempotency_key: 'cache-on-a' })).isError).toBe(false);
    const onB = await callTool(b, customer_id, 'check_availability', when);
    expect(onB.structured?.free, onB.text).toBe(false);

    const other = slot(1, 2);
    for (const base of [system.nginx.internalUrl, system.nginx.internalUrl]) {
      const check = await callTool(base, customer_id, 'check_availability', other);
      expect(check.structured?.free, check.text).toBe(true);
    }
    expect((await callTool(system.nginx.internalUrl, customer_id, 'create_booking', { ...other, title: 'Reserva', idempotency_key: 'cache-nginx' })).isError).toBe(false);
    // Two checks in a row through nginx: one lands on each replica (round robin); both must see it busy.
    for (let i = 0; i < 2; i++) {
      const check = await callTool(system.nginx.internalUrl, customer_id, 'check_availability', other);
      expect(check.structured?.free, check.text).toBe(false);
    }
  });

  it('WhatsApp: one message delivered to both assistant replicas → one reply, one booking; "sí" on one replica and "sí" on the other → one booking', async () => {
    const { phone, email } = customers.chat;
    const [a, b] = system.assistant.urls;
    const stamp = Date.now();
    const eventsBefore = (await liveEvents(email)).length;

    // Meta delivers the same message twice, and each delivery lands on another replica.
    const ask = `wamid.replica-ask-${stamp}`;
    expect(
      await Promise.all([
        deliver(a, phone, ask, 'Hola, quiero reservar mañana a las 11 de la mañana'),
        deliver(b, phone, ask, 'Hola, quiero reservar mañana a las 11 de la mañana'),
      ]),
    ).toEqual([200, 200]);
    await waitForReplies(phone, (t) => t.some((x) => x.includes('¿Confirmas')), 'the proposal');
    const yes = `wamid.replica-yes-${stamp}`;
    expect(await Promise.all([deliver(a, phone, yes, 'sí'), deliver(b, phone, yes, 'sí')])).toEqual([200, 200]);
    await waitForReplies(phone, (t) => t.some((x) => x.includes('Reserva confirmada')), 'the confirmation');
    await sleep(1500);
    const first = repliesTo(phone);
    // Each reply once: the message was answered by one replica only.
    expect(new Set(first).size, JSON.stringify(first)).toBe(first.length);
    expect(first.filter((x) => x.includes('¿Confirmas'))).toHaveLength(1);
    expect(first.filter((x) => x.includes('Reserva confirmada'))).toHaveLength(1);
    expect(await liveEvents(email)).toHaveLength(eventsBefore + 1);

    // A second booking: two different "sí" messages at once, one on each replica (the request through nginx).
    expect(await deliver(system.nginx.publicUrl, phone, `wamid.replica-ask2-${stamp}`, 'Quiero reservar mañana a las 5 de la tarde')).toBe(200);
    await waitForReplies(phone, (t) => t.filter((x) => x.includes('¿Confirmas')).length === 2, 'the second proposal');
    const beforeYeses = repliesTo(phone).length;
    expect(await Promise.all([deliver(a, phone, `wamid.replica-yes2a-${stamp}`, 'sí'), deliver(b, phone, `wamid.replica-yes2b-${stamp}`, 'sí, confirmo')])).toEqual([200, 200]);
    // Both messages are answered (one books, the other finds it booked), in either order.
    await waitForReplies(phone, (t) => t.length >= beforeYeses + 2 && t.filter((x) => x.includes('Reserva confirmada')).length >= 2, 'the answers to both yeses');
    await sleep(1500);
    expect(
      repliesTo(phone).filter((x) => x.includes('Reserva confirmada')),
      JSON.stringify(repliesTo(phone)),
    ).toHaveLength(2);
    const live = await liveEvents(email);
    expect(live).toHaveLength(eventsBefore + 2);
    expect(calendarViolations(live)).toEqual([]);
  });

  it("the login throttle sees the client's address through nginx, whatever X-Forwarded-For the client sends, across both replicas", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await fetch(`${system.nginx.publicUrl}/api/admin/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.${i + 1}` },
        body: JSON.stringify({ password: `mal-${i}-equivocada` }),
      });
      await res.arrayBuffer();
      statuses.push(res.status);
    }
    // 5 failures are free; the 6th from the same address (nginx's view of it) waits, on whichever replica.
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });

  it('kill -9 of one calendar-server replica in the middle of a burst of bookings → after the client retries, every booking exists exactly once', { timeout: 90_000 }, async () => {
    const { customer_id, email } = customers.burst;
    const [victim] = system.calendar.processes;
    const jobs = Array.from({ length: 24 }, (_, n) => ({ key: `replica-burst-${n}`, when: slot(3 + Math.floor(n / 8), n % 8) }));
    let done = 0;
    const book = async (job: (typeof jobs)[number], n: number) => {
      await sleep(n * 20);
      await bookWithRetries(customer_id, job.key, job.when);
      done += 1;
    };
    // The first half is under way when the replica dies; the second half starts after, so round robin
    // certainly sends some of it to the dead replica, whatever the machine's load.
    const firstHalf = Promise.all(jobs.slice(0, 12).map(book));
    while (done < 6) await sleep(10);
    const killedAt = system.nginx.accessLog().length;
    await victim.kill9();
    const secondHalf = Promise.all(jobs.slice(12).map(book));
    await Promise.all([firstHalf, secondHalf]);
    // The kill cut requests in flight or refused new ones (nginx answered 502 and did not replay them): the client's retries made up for it.
    expect(
      system.nginx
        .accessLog()
        .slice(killedAt)
        .filter((l) => l.request.startsWith('POST /mcp') && l.status === 502).length,
    ).toBeGreaterThan(0);
    const live = await liveEvents(email);
    for (const job of jobs) expect(at(live, job.when), job.key).toHaveLength(1);
    expect(live).toHaveLength(jobs.length);
    expect(calendarViolations(live)).toEqual([]);
    // The replica comes back and takes its share again.
    await victim.start();
    const from = system.nginx.accessLog().length;
    // (nginx leaves a failed replica out for fail_timeout, 5 s, then tries it again.)
    for (let i = 0; upstreamsOf(/^POST \/mcp/, from).size < 2 && i < 60; i++) {
      const check = await callTool(system.nginx.internalUrl, customer_id, 'check_availability', slot(3, 0));
      expect(check.isError, check.text).toBe(false);
      await sleep(200);
    }
    expect(upstreamsOf(/^POST \/mcp/, from)).toEqual(new Set(system.calendar.urls.map(hostPort)));
  });
});

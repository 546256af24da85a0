import { MockLanguageModelV4 } from 'ai/test';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAssistantDatabase } from '../src/db/assistant-database.js';
import { type RunningAssistant, startAssistant } from '../src/server.js';
import { CANNED_REPLIES } from '../src/whatsapp/canned-replies.js';
import type { WhatsAppConfig } from '../src/whatsapp/whatsapp-config.js';
import { ADMIN_TOKEN, type System, startSystem } from './system-harness.js';
import { onPostgres, testDatabaseUrl } from './test-database.js';
import { GraphApiStandIn } from './whatsapp/graph-api-stand-in.js';
import { newMessageId, signedWebhook, textMessagePayload } from './whatsapp/webhook-fixtures.js';

/**
 * Issue 10: two assistants on one PostgreSQL database, behind the same MCP Calendar Server and the same
 * Graph API stand-in, hold every guarantee one assistant holds: a message delivered to both is answered
 * once, two "sí" at once book once, each sender's messages are answered in order and once whichever
 * replica receives them, an unknown number is told once, and the login throttle's global cap counts both
 * replicas' failures.
 */

const APP_SECRET = 'replicas-app-secret';
const ACCESS_TOKEN = 'EAAG-replicas-token';
const PHONE_NUMBER_ID = '109876543219999';
const TZ = 'America/Mexico_City';
const JUAN = { customer_id: 'cliente-replicas', email: 'replicas@ejemplo.com', name: 'Juan', phone: '5215500011122' };

/** Why this file does nothing in a run: replicas share state only through PostgreSQL. */
const skipReason = !onPostgres
  ? 'replicas share state through PostgreSQL: this file runs in the postgres project'
  : process.env.AGENDO_TEST_POSTGRES_URL
    ? undefined
    : 'no PostgreSQL cluster in this run';

let graph: GraphApiStandIn;
let s: System;
/** The two replicas: `a` is the harness's assistant, `b` a second one on the same configuration and database. */
let a: RunningAssistant;
let b: RunningAssistant;
let whatsapp: WhatsAppConfig;

beforeAll(async () => {
  if (skipReason) return;
  graph = await GraphApiStandIn.start({ accessToken: ACCESS_TOKEN, phoneNumberIds: [PHONE_NUMBER_ID] });
  whatsapp = { verifyToken: 'verify-replicas', appSecret: APP_SECRET, accessToken: ACCESS_TOKEN, phoneNumberId: PHONE_NUMBER_ID, apiBaseUrl: graph.baseUrl, apiVersion: 'v21.0' };
  s = await startSystem({ whatsapp });
  a = s.assistant;
  b = await startAssistant(s.assistantConfig, { logger: false, whatsapp });
  await s.addConnectedCustomer(JUAN, TZ);
}, 60_000);

afterAll(async () => {
  await b?.close();
  await s?.close();
  await graph?.close();
});

function signed(from: string, body: string, id: string) {
  return signedWebhook(APP_SECRET, textMessagePayload({ from, id, body, name: 'Juan', phoneNumberId: PHONE_NUMBER_ID }), { escapeNonAscii: true });
}

async function post(replica: RunningAssistant, from: string, body: string, id: string): Promise<number> {
  const { headers, body: raw } = signed(from, body, id);
  return (await fetch(`${replica.url}/webhooks/whatsapp`, { method: 'POST', headers, body: raw })).status;
}

/** Until neither replica has anything left in the shared inbox. */
const bothIdle = async (...replicas: RunningAssistant[]) => {
  for (const replica of replicas) await replica.background.idle();
};

const repliesTo = (to: string) => graph.messages.filter((m) => m.to === to).map((m) => m.text);
const bookings = async () => (await s.events(JUAN.email)).filter((e) => e.status === 'confirmed');

async function chat(replica: RunningAssistant, customerId: string, text: string): Promise<string[]> {
  const res = await fetch(`${replica.url}/api/admin/chat`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ customer_id: customerId, text }),
  });
  if (res.status !== 200) throw new Error(`chat failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { replies: string[] }).replies;
}

describe('two assistant replicas on one PostgreSQL database', () => {
  it('answers once, and books once, a WhatsApp message Meta delivers to both replicas', async (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    const ask = newMessageId();
    const statuses = await Promise.all([a, b].map((replica) => post(replica, JUAN.phone, 'Hola, quiero reservar para mañana a las 11 AM', ask)));
    expect(statuses).toEqual([200, 200]);
    await bothIdle(a, b);
    const asked = repliesTo(JUAN.phone);
    expect(asked).toHaveLength(2);
    expect(asked[1]).toMatch(/^¡Perfecto! El horario está disponible\. ¿Confirmas la reserva para mañana .* a las 11:00\?$/);

    const yes = newMessageId();
    expect(await Promise.all([a, b].map((replica) => post(replica, JUAN.phone, 'Sí, confirmo', yes)))).toEqual([200, 200]);
    await bothIdle(a, b);
    expect(repliesTo(JUAN.phone).slice(2)).toEqual(['¡Reserva confirmada! Se ha creado en tu Google Calendar. Recibirás un recordatorio automático.']);
    const events = await bookings();
    expect(events).toHaveLength(1);
    const eleven = DateTime.now().setZone(TZ).plus({ days: 1 }).set({ hour: 11, minute: 0, second: 0, millisecond: 0 });
    expect(Date.parse(events[0]?.start.dateTime ?? '')).toBe(eleven.toMillis());
  });

  it('books once and confirms once when the customer says "sí" to replica A and to replica B at the same moment', async (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    const before = (await bookings()).length;
    const proposal = await chat(a, JUAN.customer_id, 'Quiero reservar pasado mañana a las 5 de la tarde');
    expect(proposal.at(-1)).toMatch(/¿Confirmas la reserva para .* a las 17:00\?$/);
    const answers = await Promise.all([chat(a, JUAN.customer_id, 'sí'), chat(b, JUAN.customer_id, 'sí')]);
    const confirmations = answers.flat().filter((text) => text.startsWith('¡Reserva confirmada!'));
    expect(confirmations).toHaveLength(1);
    expect(await bookings()).toHaveLength(before + 1);
  });

  it('answers 30 messages of 3 senders spread over both replicas in each sender’s order, each exactly once, one at a time per sender', async (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    // A pair of LLM-mode replicas on a database of their own, whose model echoes each message after a
    // random pause: the replies show the order the messages were answered in.
    const working = new Map<string, number>();
    const overlaps: string[] = [];
    const calls: [number, number] = [0, 0];
    const echo = (replica: 0 | 1) =>
      new MockLanguageModelV4({
        modelId: 'eco',
        doGenerate: async ({ prompt }) => {
          calls[replica] += 1;
          const lastUser = prompt.filter((m) => m.role === 'user').at(-1);
          const text = lastUser?.content.map((part) => (part.type === 'text' ? part.text : '')).join(' ') ?? '';
          const marker = /s\d-m\d+/.exec(text)?.[0] ?? '?';
          const sender = marker.split('-')[0] ?? '?';
          const now = (working.get(sender) ?? 0) + 1;
          working.set(sender, now);
          if (now > 1) overlaps.push(marker);
          await new Promise((resolve) => setTimeout(resolve, 10 + Math.floor(Math.random() * 30)));
          working.set(sender, (working.get(sender) ?? 1) - 1);
          return {
            content: [{ type: 'text', text: `eco ${marker}` }],
            finishReason: { unified: 'stop', raw: undefined },
            usage: { inputTokens: { total: 1, noCache: 1, cacheRead: undefined, cacheWrite: undefined }, outputTokens: { total: 1, text: 1, reasoning: undefined } },
            warnings: [],
          };
        },
      });
    const config = { ...s.assistantConfig, databaseUrl: await testDatabaseUrl() };
    const c = await startAssistant(config, { logger: false, whatsapp, languageModel: echo(0) });
    const d = await startAssistant(config, { logger: false, whatsapp, languageModel: echo(1) });
    const storage = await openAssistantDatabase({ file: config.dbPath, url: config.databaseUrl });
    // Samples the inbox every few milliseconds until told to stop: the most messages of one sender `processing` at once.
    let watch = true;
    const watching = (async () => {
      let most = 0;
      while (watch) {
        const busiest = await storage.db
          .selectFrom('inbound_messages')
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .where('status', '=', 'processing')
          .groupBy('sender')
          .execute();
        most = Math.max(most, ...busiest.map((row) => Number(row.n)));
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      return most;
    })();
    try {
      const senders = ['5215500000001', '5215500000002', '5215500000003'];
      for (const [k, phone] of senders.entries()) {
        const res = await fetch(`${c.url}/api/admin/customers`, {
          method: 'POST',
          headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
          body: JSON.stringify({ customer_id: `cliente-eco-${k + 1}`, email: `eco${k + 1}@ejemplo.com`, phone, time_zone: TZ }),
        });
        expect(res.status).toBe(201);
      }
      // Each sender's messages one after another (that is their order), the senders at once, alternating replicas.
      let delivered = 0;
      await Promise.all(
        senders.map(async (phone, k) => {
          for (let n = 1; n <= 10; n += 1) {
            const replica = (delivered++ % 2 === 0 ? c : d) as RunningAssistant;
            expect(await post(replica, phone, `mensaje s${k + 1}-m${n}`, newMessageId())).toBe(200);
          }
        }),
      );
      await bothIdle(c, d);
      watch = false;
      for (const [k, phone] of senders.entries()) {
        expect(repliesTo(phone), phone).toEqual(Array.from({ length: 10 }, (_, n) => `eco s${k + 1}-m${n + 1}`));
      }
      expect(overlaps).toEqual([]);
      expect(calls[0] + calls[1]).toBe(30);
      // The shared inbox, watched while the messages were worked off: never two of one sender's messages in hand at once.
      expect(await watching).toBe(1);
      const rows = await storage.db.selectFrom('inbound_messages').select(['sender', 'status', 'attempts']).execute();
      expect(rows).toHaveLength(30);
      expect(rows.every((row) => row.status === 'done' && Number(row.attempts) === 1)).toBe(true);
    } finally {
      watch = false;
      await watching.catch(() => undefined);
      await storage.close();
      await d.close();
      await c.close();
    }
  });

  it('tells an unknown number once in 24 h, whichever replicas its messages reach', async (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    const stranger = '5219990001122';
    const statuses = await Promise.all(Array.from({ length: 6 }, (_, i) => post(i % 2 === 0 ? a : b, stranger, `hola ${i}`, newMessageId())));
    expect(statuses.every((status) => status === 200)).toBe(true);
    await bothIdle(a, b);
    expect(repliesTo(stranger)).toEqual([CANNED_REPLIES.unknownSender]);
  });

  it('counts both replicas’ failed logins against one global cap per minute', async (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    // Guesses from 60 addresses (the loopback proxy's X-Forwarded-For), alternating replicas, all at once.
    const statuses = await Promise.all(
      Array.from({ length: 60 }, async (_, i) => {
        const replica = i % 2 === 0 ? a : b;
        const res = await fetch(`${replica.url}/api/admin/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.60.${i}.1` },
          body: JSON.stringify({ password: `adivina-${i}` }),
        });
        return res.status;
      }),
    );
    expect(statuses.filter((status) => status === 401)).toHaveLength(30);
    expect(statuses.filter((status) => status === 429)).toHaveLength(30);
    for (const replica of [a, b]) {
      const res = await fetch(`${replica.url}/api/admin/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.61.0.1' },
        body: JSON.stringify({ password: 'otra-mas' }),
      });
      expect(res.status).toBe(429);
      expect(((await res.json()) as { message: string }).message).toMatch(/^Demasiados intentos fallidos en el panel\./);
    }
  });
});

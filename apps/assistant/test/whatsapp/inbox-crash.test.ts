import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, type System, startSystem } from '../system-harness.js';
import { GraphApiStandIn } from './graph-api-stand-in.js';
import { newMessageId, signedWebhook, textMessagePayload } from './webhook-fixtures.js';

/**
 * kill -9 of the assistant process while the conversation engine is working on a WhatsApp message:
 * the message was stored before the 200, so the restarted process finishes it and replies once; Meta's
 * redelivery of the same id after the restart is acknowledged and changes nothing.
 */

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** tsx's loader by absolute URL, so the child runs the TypeScript sources from any working directory. */
const tsxLoader = pathToFileURL(path.resolve(appDir, '../../node_modules/tsx/dist/loader.mjs')).href;

const APP_SECRET = 'crash-test-app-secret';
const ACCESS_TOKEN = 'EAAG-crash-test-token';
const PHONE_NUMBER_ID = '109876543210001';
const JUAN = { customer_id: 'cliente-crash', email: 'crash@ejemplo.com', name: 'Juan', phone: '5215511122233' };

interface AssistantProcess {
  readonly child: ChildProcess;
  readonly output: () => string;
  readonly exited: Promise<void>;
  readonly url: string;
}

let graph: GraphApiStandIn;
let s: System;

async function startAssistantProcess(): Promise<AssistantProcess> {
  const child = spawn(process.execPath, ['--conditions=@agendo/source', '--import', tsxLoader, path.resolve(appDir, 'src/main.ts')], {
    cwd: os.tmpdir(),
    env: {
      PATH: process.env.PATH ?? '',
      HOME: os.tmpdir(),
      HOST: '127.0.0.1',
      ASSISTANT_PORT: '0',
      DATA_DIR: s.assistantConfig.dataDir,
      ADMIN_PASSWORD,
      MCP_SERVER_URL: s.calendarServer.url,
      MCP_API_KEY: s.assistantConfig.mcpApiKey,
      LOG_LEVEL: 'info',
      WHATSAPP_VERIFY_TOKEN: 'verify-crash',
      WHATSAPP_APP_SECRET: APP_SECRET,
      WHATSAPP_ACCESS_TOKEN: ACCESS_TOKEN,
      WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
      WHATSAPP_API_BASE_URL: graph.baseUrl,
      // PostgreSQL: the same database; the killed process's lease runs out after 2 s and the new one takes over.
      ...(s.assistantConfig.databaseUrl ? { DATABASE_URL: s.assistantConfig.databaseUrl, WHATSAPP_INBOX_LEASE_MS: '2000' } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  for (let i = 0; i < 400; i++) {
    const match = /listening on (http:\/\/\S+)/.exec(output);
    if (match?.[1]) return { child, output: () => output, exited, url: match[1] };
    if (child.exitCode !== null) throw new Error(`assistant exited early:\n${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`assistant did not start:\n${output}`);
}

async function postWebhook(url: string, id: string, body: string): Promise<number> {
  const signed = signedWebhook(APP_SECRET, textMessagePayload({ from: JUAN.phone, id, body, name: 'Juan', phoneNumberId: PHONE_NUMBER_ID }), { escapeNonAscii: true });
  const res = await fetch(`${url}/webhooks/whatsapp`, { method: 'POST', headers: signed.headers, body: signed.body });
  return res.status;
}

async function waitFor(condition: () => Promise<boolean> | boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const freeBusyCount = async () => {
  const { counts } = (await s.control('/requests')) as { counts: Record<string, number> };
  return counts['calendar.freebusy.query'] ?? 0;
};
const repliesToJuan = () => graph.messages.filter((m) => m.to === JUAN.phone).map((m) => m.text);

beforeAll(async () => {
  graph = await GraphApiStandIn.start({ accessToken: ACCESS_TOKEN, phoneNumberIds: [PHONE_NUMBER_ID] });
  s = await startSystem();
  await s.addConnectedCustomer(JUAN, 'America/Mexico_City');
  // The customer is in the database now; the in-process assistant steps aside for the real process.
  await s.assistant.close();
  s.assistant = { ...s.assistant, close: async () => undefined };
}, 60_000);

afterAll(async () => {
  await graph?.close();
  // The Google stand-in can take a minute to close: the calendar server's keep-alive connection that carried
  // the request cut short by kill -9 stays busy on its side. Nothing of this test depends on waiting for it.
  await Promise.race([s?.close(), new Promise((r) => setTimeout(r, 2_000))]);
  if (s) fs.rmSync(s.dataDir, { recursive: true, force: true });
});

describe('a WhatsApp message survives kill -9 of the assistant mid-processing', () => {
  it('is answered exactly once after the restart, and Meta’s redelivery of its id is acknowledged without a second reply', async () => {
    // The engine will be stuck in the availability check when the process is killed.
    await s.control('/faults', { endpoint: 'calendar.freebusy.query', latencyMs: 4_000, count: 1 });
    const before = await freeBusyCount();

    const first = await startAssistantProcess();
    const id = newMessageId();
    try {
      expect(await postWebhook(first.url, id, 'Hola, quiero reservar para mañana a las 3 PM')).toBe(200);
      await waitFor(async () => (await freeBusyCount()) > before, 'the engine to ask Google for free/busy');
    } finally {
      first.child.kill('SIGKILL');
      await first.exited;
    }
    expect(repliesToJuan()).toEqual([]);

    const second = await startAssistantProcess();
    try {
      await waitFor(() => repliesToJuan().length >= 2, 'the replies after the restart');
      const replies = repliesToJuan();
      expect(replies[0]).toMatch(/^¡Hola Juan! Perfecto, déjame verificar disponibilidad/);
      expect(replies[1]).toMatch(/El horario está disponible/);

      // Meta did not get an answer it trusted before the crash: it delivers the same message again.
      expect(await postWebhook(second.url, id, 'Hola, quiero reservar para mañana a las 3 PM')).toBe(200);
      await new Promise((r) => setTimeout(r, 1_500));
      expect(repliesToJuan()).toHaveLength(2);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  }, 90_000);
});

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type RunningServer, startServer } from '@agendo/calendar-server';
import { freePort } from '@agendo/free-port';
import { approveConsent, type RunningEmulator, startEmulator } from '@agendo/google-emulator';
import { type AssistantConfig, loadAssistantConfig } from '../src/config.js';
import { type RunningAssistant, type StartAssistantOptions, startAssistant } from '../src/server.js';
import { testDatabaseEnv } from './test-database.js';

export const ADMIN_PASSWORD = 'clave-de-prueba-123';
export const ADMIN_TOKEN = 'admin-token-0123456789abcdefghij';
const CLIENT_ID = 'agendo-test.apps.googleusercontent.com';
const CLIENT_SECRET = 'agendo-test-secret';
const MCP_API_KEY = 'mcp-key-0123456789abcdefghijkl';

/** The whole back end on 127.0.0.1: the Google stand-in, the real MCP Calendar Server and the assistant. */
export interface System {
  readonly emulator: RunningEmulator;
  readonly calendarServer: RunningServer;
  assistant: RunningAssistant;
  readonly assistantConfig: AssistantConfig;
  readonly dataDir: string;
  /** Calls the assistant's admin API with the bearer token (`auth: null` for none). */
  admin(pathname: string, init?: { method?: string; json?: unknown; auth?: string | null; headers?: Record<string, string> }): Promise<Response>;
  /** Adds a customer and connects their calendar through the real OAuth flow (approving at the stand-in). */
  addConnectedCustomer(customer: { customer_id: string; email: string; name?: string; phone?: string }, timeZone?: string): Promise<void>;
  /** The chat simulator: the replies to one message. */
  chat(customerId: string, text: string): Promise<string[]>;
  /** All events of a Google account at the stand-in. */
  events(email: string): Promise<{ id: string; status: string; summary?: string; start: { dateTime?: string }; end: { dateTime?: string } }[]>;
  control(pathname: string, json?: unknown, method?: string): Promise<unknown>;
  /** Stops and starts the assistant again on the same database (a restart mid-dialog). */
  restartAssistant(): Promise<void>;
  close(): Promise<void>;
}

/** `env`: more of the assistant's environment (e.g. `REMINDER_LEAD_MINUTES`), over the harness's own. */
export async function startSystem(options: StartAssistantOptions = {}, env: Record<string, string> = {}): Promise<System> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'agendo-assistant-'));
  const calendarPort = await freePort();
  const redirectUri = `http://127.0.0.1:${calendarPort}/oauth/callback`;
  const emulator = await startEmulator({ port: 0, clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [redirectUri] }] });
  const calendarServer = await startServer(
    loadConfig({
      HOST: '127.0.0.1',
      PORT: String(calendarPort),
      DATA_DIR: path.join(dataDir, 'calendar'),
      MCP_API_KEY,
      GOOGLE_OAUTH_CLIENT_ID: CLIENT_ID,
      GOOGLE_OAUTH_CLIENT_SECRET: CLIENT_SECRET,
      GOOGLE_OAUTH_REDIRECT_URI: redirectUri,
      GOOGLE_OAUTH_BASE_URL: emulator.url,
      TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'silent',
    }),
    { logger: false },
  );
  const assistantConfig = loadAssistantConfig({
    HOST: '127.0.0.1',
    ASSISTANT_PORT: '0',
    DATA_DIR: path.join(dataDir, 'assistant'),
    ADMIN_PASSWORD,
    ADMIN_TOKEN,
    MCP_SERVER_URL: calendarServer.url,
    MCP_API_KEY,
    LOG_LEVEL: 'silent',
    BUSINESS_NAME: 'Peluquería Sol',
    ...env,
    // The `postgres` project: a fresh PostgreSQL database for the assistant (its calendar server keeps SQLite).
    ...(await testDatabaseEnv()),
  });
  const start = () => startAssistant(assistantConfig, { logger: false, ...options });
  const system: System = {
    emulator,
    calendarServer,
    assistant: await start(),
    assistantConfig,
    dataDir,
    async admin(pathname, init = {}) {
      const token = init.auth === undefined ? ADMIN_TOKEN : init.auth;
      return fetch(`${system.assistant.url}${pathname}`, {
        method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
        headers: {
          ...(token === null ? {} : { authorization: `Bearer ${token}` }),
          ...(init.json === undefined ? {} : { 'content-type': 'application/json' }),
          ...init.headers,
        },
        ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
      });
    },
    async addConnectedCustomer(customer, timeZone = 'America/Mexico_City') {
      const created = await system.admin('/api/admin/customers', { json: customer });
      if (created.status !== 201) throw new Error(`create failed: ${created.status} ${await created.text()}`);
      await system.control(`/calendars/${customer.email}`, { timeZone }, 'PUT');
      const res = await system.admin(`/api/admin/customers/${customer.customer_id}/calendar/connect`, { json: {} });
      const { authorization_url } = (await res.json()) as { authorization_url: string };
      const page = await fetch(await approveConsent(authorization_url));
      if (page.status !== 200) throw new Error(`connect failed: ${page.status}`);
    },
    async chat(customerId, text) {
      const res = await system.admin('/api/admin/chat', { json: { customer_id: customerId, text } });
      if (res.status !== 200) throw new Error(`chat failed: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { replies: string[] }).replies;
    },
    async events(email) {
      return ((await system.control(`/calendars/${email}/events`)) as { items: Awaited<ReturnType<System['events']>> }).items;
    },
    async control(pathname, json, method) {
      const res = await fetch(`${emulator.url}/__emulator${pathname}`, {
        method: method ?? (json === undefined ? 'GET' : 'POST'),
        ...(json === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(json) }),
      });
      if (!res.ok) throw new Error(`control ${pathname}: ${res.status} ${await res.text()}`);
      return res.status === 204 ? undefined : res.json();
    },
    async restartAssistant() {
      await system.assistant.close();
      system.assistant = await start();
    },
    async close() {
      await system.assistant.close();
      await calendarServer.close();
      await emulator.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return system;
}

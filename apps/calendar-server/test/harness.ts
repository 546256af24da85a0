import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freshTestDatabase } from '@agendo/database/test-cluster';
import { freePort } from '@agendo/free-port';
import { approveConsent, type RunningEmulator, startEmulator } from '@agendo/google-emulator';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { RetryPolicy } from '../src/calendar/google/google-retry.js';
import { type Config, loadConfig } from '../src/config.js';
import { type RunningServer, type ServerOptions, startServer } from '../src/server.js';
import { toolError } from './tool-error.js';

export { freePort };

export const CLIENT_ID = 'agendo-test.apps.googleusercontent.com';
export const CLIENT_SECRET = 'agendo-test-secret';
export const API_KEY = 'test-api-key-0123456789abcdef';
export const ADMIN_ORIGIN = 'http://localhost:5173';

/** Whether this run's service tests run on PostgreSQL (the `postgres` Vitest project sets `AGENDO_TEST_DATABASE=postgres`). */
export const ON_POSTGRES = process.env.AGENDO_TEST_DATABASE === 'postgres';

/**
 * `DATABASE_URL` of a fresh empty database for one server when the run is on PostgreSQL, else nothing
 * (SQLite in the data folder). Fails loudly when the run asks for PostgreSQL but has no cluster.
 */
export async function testDatabaseEnv(): Promise<Record<string, string>> {
  if (!ON_POSTGRES) return {};
  const url = await freshTestDatabase('calendar_test');
  if (!url) throw new Error('AGENDO_TEST_DATABASE=postgres but the run has no PostgreSQL cluster (AGENDO_TEST_POSTGRES_URL unset): is PostgreSQL installed?');
  return { DATABASE_URL: url };
}

/** The stand-in and a calendar server wired to it, each on 127.0.0.1, with a fresh data folder. */
export interface Harness {
  readonly emulator: RunningEmulator;
  readonly server: RunningServer;
  readonly config: Config;
  readonly dataDir: string;
  readonly env: Record<string, string>;
  /** Runs the OAuth flow for a customer (approving as `email` at the stand-in); throws unless connected. */
  connect(customerId: string, email: string): Promise<void>;
  /** An MCP SDK client for the customer over Streamable HTTP (`headers` override the defaults). */
  mcp(customerId: string | null, headers?: Record<string, string>): Promise<Client>;
  /** Calls the stand-in's control API. */
  control(pathname: string, init?: { method?: string; json?: unknown }): Promise<unknown>;
  /** Calls the server with the API key (unless `auth` is given: `null` for none). */
  api(pathname: string, init?: RequestInit & { auth?: string | null; json?: unknown }): Promise<Response>;
  close(): Promise<void>;
}

/** What a test may ask of the harness beyond the environment. */
export interface HarnessOptions {
  readonly retry?: RetryPolicy;
  /** Sets `PUBLIC_BASE_URL` to the server's own address, so Google push channels reach it. */
  readonly publicBaseUrl?: boolean;
  /** Push channel tuning (e.g. a short channel lifetime to see renewals). */
  readonly push?: ServerOptions['push'];
}

/** Starts the emulator and a server in-process; `env` overrides the server's environment. */
export async function startHarness(env: Record<string, string> = {}, harnessOptions: HarnessOptions = {}): Promise<Harness> {
  const { publicBaseUrl, ...options } = harnessOptions;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'agendo-cal-'));
  const port = await freePort();
  const redirectUri = `http://127.0.0.1:${port}/oauth/callback`;
  const emulator = await startEmulator({ port: 0, clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [redirectUri] }] });
  const fullEnv: Record<string, string> = {
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: dataDir,
    MCP_API_KEY: API_KEY,
    ADMIN_ORIGIN,
    GOOGLE_OAUTH_CLIENT_ID: CLIENT_ID,
    GOOGLE_OAUTH_CLIENT_SECRET: CLIENT_SECRET,
    GOOGLE_OAUTH_REDIRECT_URI: redirectUri,
    GOOGLE_OAUTH_BASE_URL: emulator.url,
    TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: 'silent',
    ...(await testDatabaseEnv()),
    ...(publicBaseUrl ? { PUBLIC_BASE_URL: `http://127.0.0.1:${port}` } : {}),
    ...env,
  };
  const config = loadConfig(fullEnv);
  const server = await startServer(config, { logger: false, ...options });
  const clients: Client[] = [];
  const api: Harness['api'] = async (pathname, init = {}) => {
    const { auth, json, ...rest } = init;
    const headers = new Headers(rest.headers);
    const token = auth === undefined ? API_KEY : auth;
    if (token !== null) headers.set('authorization', `Bearer ${token}`);
    if (json !== undefined) headers.set('content-type', 'application/json');
    return fetch(`${server.url}${pathname}`, { ...rest, headers, body: json === undefined ? rest.body : JSON.stringify(json) });
  };
  return {
    api,
    emulator,
    server,
    config,
    dataDir,
    env: fullEnv,
    async connect(customerId, email) {
      const res = await api('/oauth/authorize', { method: 'POST', json: { customer_id: customerId, email } });
      const { authorization_url } = (await res.json()) as { authorization_url: string };
      const page = await fetch(await approveConsent(authorization_url));
      if (page.status !== 200) throw new Error(`connecting ${customerId} failed: ${page.status}`);
    },
    async mcp(customerId, headers = {}) {
      const client = new Client({ name: 'agendo-test', version: '1.0.0' });
      const transport = new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), {
        requestInit: { headers: { authorization: `Bearer ${API_KEY}`, ...(customerId === null ? {} : { 'x-customer-id': customerId }), ...headers } },
      });
      await client.connect(transport);
      clients.push(client);
      return client;
    },
    async control(pathname, init = {}) {
      const res = await fetch(`${emulator.url}/__emulator${pathname}`, {
        method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
        ...(init.json === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(init.json) }),
      });
      if (!res.ok) throw new Error(`control ${pathname}: ${res.status} ${await res.text()}`);
      return res.status === 204 ? undefined : res.json();
    },
    async close() {
      await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
      await server.close();
      await emulator.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The outcome of one MCP tool call. */
export type ToolCallResult = Awaited<ReturnType<Client['callTool']>>;

/** Calls an MCP tool. */
export async function callTool(client: Client, name: string, args: Record<string, unknown> = {}): Promise<ToolCallResult> {
  return client.callTool({ name, arguments: args });
}

/** The structured result of a successful tool call; throws with the error text otherwise. */
export function toolOk<T = Record<string, unknown>>(result: ToolCallResult): T {
  if (result.isError) throw new Error(`tool error: ${JSON.stringify(result.content)}`);
  return result.structuredContent as T;
}

/** A tool error as `code: message`, read from its structured error (see `tool-error.ts`); throws when the call did not fail. */
export function toolErrorText(result: ToolCallResult): string {
  const { code, message } = toolError(result);
  return `${code}: ${message}`;
}

/** An event as the stand-in's control API lists it. */
export interface StandInEvent {
  id: string;
  status: string;
  summary?: string;
  start: { dateTime?: string; date?: string };
  end: { dateTime?: string; date?: string };
  extendedProperties?: { private?: Record<string, string> };
}

/** Every event of the stand-in's calendar of `email`. */
export async function standInEvents(h: Harness, email: string): Promise<StandInEvent[]> {
  return ((await h.control(`/calendars/${email}/events`)) as { items: StandInEvent[] }).items;
}

/** The stand-in's request counts by endpoint. */
export async function standInCounts(h: Harness): Promise<Record<string, number>> {
  return ((await h.control('/requests')) as { counts: Record<string, number> }).counts;
}

/** An hour-long slot `daysAhead` days from now at `hourUtc`:00 UTC (in the future, within any booking horizon). */
export function futureSlot(daysAhead: number, hourUtc: number): { start: string; end: string } {
  const day = new Date();
  day.setUTCDate(day.getUTCDate() + daysAhead);
  day.setUTCHours(hourUtc, 0, 0, 0);
  return { start: day.toISOString(), end: new Date(day.getTime() + 3_600_000).toISOString() };
}

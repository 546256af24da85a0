// Item 7 of issue 9: login throttling could be bypassed with a rotating X-Forwarded-For, or turned
// against the admin (one shared address, a hard 15-minute lock). These drive a real assistant, alone and
// behind the admin's real production server, from distinct loopback client addresses (127.0.0.x).
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningAdminServer, startAdminServer } from '../../admin/server/admin-server.js';
import { loadAdminConfig } from '../../admin/server/config.js';
import { loadAssistantConfig } from '../src/config.js';
import { type RunningAssistant, startAssistant } from '../src/server.js';
import { testDatabaseEnv } from './test-database.js';

const PASSWORD = 'clave-de-prueba-123';
const MCP_API_KEY = 'mcp-key-0123456789abcdefghijkl';

interface LoginAnswer {
  readonly status: number;
  readonly retryAfter: number | undefined;
  readonly body: { error?: string; message?: string };
}

/** `POST /api/admin/login` from the client address `from` (a 127.0.0.x loopback address), with optional extra headers. */
function login(baseUrl: string, password: string, from: string, headers: Record<string, string> = {}): Promise<LoginAnswer> {
  const body = JSON.stringify({ password });
  const url = new URL('/api/admin/login', baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        localAddress: from,
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          const retry = res.headers['retry-after'];
          resolve({ status: res.statusCode ?? 0, retryAfter: retry === undefined ? undefined : Number(retry), body: text ? (JSON.parse(text) as LoginAnswer['body']) : {} });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function startLoneAssistant(dir: string, env: Record<string, string> = {}): Promise<RunningAssistant> {
  const config = loadAssistantConfig({
    HOST: '127.0.0.1',
    ASSISTANT_PORT: '0',
    DATA_DIR: path.join(dir, `assistant-${Math.random().toString(36).slice(2)}`),
    ADMIN_PASSWORD: PASSWORD,
    MCP_SERVER_URL: 'http://127.0.0.1:9',
    MCP_API_KEY,
    LOG_LEVEL: 'silent',
    ...(await testDatabaseEnv()),
    ...env,
  });
  return startAssistant(config, { logger: false });
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agendo-login-throttle-'));
  fs.mkdirSync(path.join(dir, 'dist'));
  fs.writeFileSync(path.join(dir, 'dist', 'index.html'), '<!doctype html><title>x</title>');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('login throttling behind the admin production server', () => {
  let assistant: RunningAssistant;
  let admin: RunningAdminServer;

  beforeAll(async () => {
    assistant = await startLoneAssistant(dir);
    admin = await startAdminServer(loadAdminConfig({ ADMIN_HOST: '127.0.0.1', ADMIN_PORT: '0', ASSISTANT_URL: assistant.url, ADMIN_DIST_DIR: path.join(dir, 'dist') }), {
      logger: false,
    });
  });
  afterAll(async () => {
    await admin?.close();
    await assistant?.close();
  });

  it('a rotating client-supplied X-Forwarded-For does not bypass throttling', async () => {
    const answers: LoginAnswer[] = [];
    for (let i = 0; i < 20; i++)
      answers.push(await login(admin.url, `adivina-${i}`, '127.0.0.2', { 'x-forwarded-for': `10.1.${i}.${i + 1}`, forwarded: `for=10.2.${i}.1`, 'x-real-ip': `10.3.${i}.1` }));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.slice(5).every((s) => s === 429)).toBe(true);
    const refused = answers.at(-1);
    expect(refused?.retryAfter).toBeGreaterThanOrEqual(1);
    expect(refused?.body.error).toBe('too_many_attempts');
    expect(refused?.body.message).toMatch(/^Demasiados intentos fallidos\. Espera \d+ (segundo|minuto)/);
  });

  it('wrong tries from one client address do not stop the right password from another', async () => {
    for (let i = 0; i < 8; i++) await login(admin.url, `mala-${i}`, '127.0.0.4');
    expect((await login(admin.url, 'otra-mala', '127.0.0.4')).status).toBe(429);
    const admin2 = await login(admin.url, PASSWORD, '127.0.0.5');
    expect(admin2.status).toBe(200);
    // And the attacker's own address is still throttled (its wrong guesses never reset it).
    expect((await login(admin.url, PASSWORD, '127.0.0.4')).status).toBe(429);
  });

  it('behind one shared address, wrong tries only delay the right password (growing waits), they do not lock it out', async () => {
    const from = '127.0.0.6';
    for (let i = 0; i < 5; i++) expect((await login(admin.url, `intento-${i}`, from)).status).toBe(401);
    const first = await login(admin.url, PASSWORD, from);
    expect(first.status).toBe(429);
    expect(first.retryAfter).toBeLessThanOrEqual(2);
    expect(first.body.message).toBe(`Demasiados intentos fallidos. Espera ${first.retryAfter} segundo(s) y vuelve a intentarlo.`);
    await sleep((first.retryAfter ?? 0) * 1000 + 50);
    // One more wrong try: the next wait is longer than the first.
    expect((await login(admin.url, 'intento-5', from)).status).toBe(401);
    const second = await login(admin.url, PASSWORD, from);
    expect(second.status).toBe(429);
    expect(second.retryAfter).toBeGreaterThan(first.retryAfter ?? 0);
    expect(second.retryAfter).toBeLessThanOrEqual(3);
    await sleep((second.retryAfter ?? 0) * 1000 + 50);
    expect((await login(admin.url, PASSWORD, from)).status).toBe(200);
    // A success from the address starts it afresh.
    for (let i = 0; i < 5; i++) expect((await login(admin.url, `otra-${i}`, from)).status).toBe(401);
  });
});

describe('login throttling on the assistant itself', () => {
  it('with TRUST_PROXY=false, X-Forwarded-For is ignored: rotating it does not bypass throttling', async () => {
    const assistant = await startLoneAssistant(dir, { TRUST_PROXY: 'false' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 15; i++) statuses.push((await login(assistant.url, `adivina-${i}`, '127.0.0.7', { 'x-forwarded-for': `10.7.${i}.1` })).status);
      expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
      expect(statuses.slice(5).every((s) => s === 429)).toBe(true);
    } finally {
      await assistant.close();
    }
  });

  it('a global cap on failed logins per minute stops guesses spread over many addresses', async () => {
    // A trusted local proxy that passes the client's X-Forwarded-For on: every guess from a new address.
    const assistant = await startLoneAssistant(dir, { LOGIN_MAX_FAILURES_PER_MINUTE: '30' });
    try {
      const answers: LoginAnswer[] = [];
      for (let i = 0; i < 100; i++) answers.push(await login(assistant.url, `adivina-${i}`, '127.0.0.8', { 'x-forwarded-for': `10.8.${i}.1` }));
      expect(answers.filter((a) => a.status === 401)).toHaveLength(30);
      expect(answers.slice(30).every((a) => a.status === 429)).toBe(true);
      const capped = answers.at(-1);
      expect(capped?.retryAfter).toBeGreaterThanOrEqual(1);
      expect(capped?.retryAfter).toBeLessThanOrEqual(60);
      expect(capped?.body.message).toMatch(/^Demasiados intentos fallidos en el panel\. Espera \d+ segundo\(s\) y vuelve a intentarlo\.$/);
      // During a real flood even the right password waits for the rest of the minute.
      expect((await login(assistant.url, PASSWORD, '127.0.0.9', { 'x-forwarded-for': '10.99.0.1' })).status).toBe(429);
    } finally {
      await assistant.close();
    }
  });

  it.each(['true', '*', '3', 'loopback,not-an-address', '10.0.0.0/33'])('refuses TRUST_PROXY=%s with a message naming the variable', (value) => {
    expect(() => loadAssistantConfig({ ADMIN_PASSWORD: PASSWORD, MCP_API_KEY, TRUST_PROXY: value })).toThrow(/TRUST_PROXY/);
  });

  it('reads TRUST_PROXY: loopback by default, a list of proxies, or false', () => {
    const load = (extra: Record<string, string>) => loadAssistantConfig({ ADMIN_PASSWORD: PASSWORD, MCP_API_KEY, ...extra });
    expect(load({}).trustProxy).toBe('loopback');
    expect(load({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(load({ TRUST_PROXY: ' 10.0.0.5, 192.168.0.0/16 ,loopback, ::1 ' }).trustProxy).toBe('10.0.0.5,192.168.0.0/16,loopback,::1');
    expect(load({}).loginMaxFailuresPerMinute).toBe(30);
  });
});

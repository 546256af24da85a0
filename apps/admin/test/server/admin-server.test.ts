// @vitest-environment node
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningAdminServer, startAdminServer } from '../../server/admin-server.js';
import { type AdminServerConfig, loadAdminConfig } from '../../server/config.js';

const INDEX_HTML = '<!doctype html><html><head><script type="module" src="/assets/app-abc123.js"></script></head><body><div id="root"></div></body></html>';
const ASSET_JS = 'console.log("agendo");';

/** A built SPA as Vite lays it out: index.html and hashed assets. */
function makeDistDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agendo-admin-dist-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), INDEX_HTML);
  fs.writeFileSync(path.join(dir, 'assets', 'app-abc123.js'), ASSET_JS);
  fs.writeFileSync(path.join(dir, '.env'), 'SECRET=1');
  return dir;
}

/** A stand-in for the assistant: echoes what reached it, sets a cookie, answers any status asked for. */
async function startEchoAssistant(): Promise<{ app: FastifyInstance; url: string }> {
  const app = Fastify();
  app.all('/api/*', async (request, reply) => {
    const status = Number(request.headers['x-want-status'] ?? 200);
    reply.header('set-cookie', ['agendo_admin=s3ss10n; HttpOnly; Path=/; SameSite=Strict', 'other=1; Path=/']);
    return reply.code(status).send({ method: request.method, url: request.url, headers: request.headers, body: request.body ?? null });
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, url };
}

const EXPECTED_CSP =
  "default-src 'self';script-src 'self';style-src 'self';img-src 'self' data:;connect-src 'self';font-src 'self';object-src 'none';base-uri 'self';form-action 'self';frame-ancestors 'none'";

function expectSecurityHeaders(response: Response) {
  expect(response.headers.get('content-security-policy')).toBe(EXPECTED_CSP);
  expect(response.headers.get('x-frame-options')).toBe('DENY');
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('referrer-policy')).toBe('same-origin');
  expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin-allow-popups');
  expect(response.headers.get('strict-transport-security')).toBeNull();
}

function testConfig(distDir: string, assistantUrl: string, extra: NodeJS.ProcessEnv = {}): AdminServerConfig {
  return loadAdminConfig({ ADMIN_HOST: '127.0.0.1', ADMIN_PORT: '0', ASSISTANT_URL: assistantUrl, ADMIN_DIST_DIR: distDir, ...extra });
}

describe('the admin production server', () => {
  let distDir: string;
  let assistant: { app: FastifyInstance; url: string };
  let admin: RunningAdminServer;
  const logLines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    distDir = makeDistDir();
    assistant = await startEchoAssistant();
    const logStream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n')) if (line.trim()) logLines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    admin = await startAdminServer(testConfig(distDir, assistant.url, { CALENDAR_ORIGINS: 'http://cal.example:60000, https://calendar.example.com/', LOG_LEVEL: 'debug' }), {
      logStream,
    });
  });

  afterAll(async () => {
    await admin?.close();
    await assistant?.app.close();
    fs.rmSync(distDir, { recursive: true, force: true });
  });

  const get = (p: string, init?: RequestInit) => fetch(`${admin.url}${p}`, init);

  it.each(['/clientes', '/login', '/probar', '/clientes/x', '/login?next=%2Fclientes'])('answers the SPA route %s with index.html', async (route) => {
    const response = await get(route);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toBe(INDEX_HTML);
    expectSecurityHeaders(response);
  });

  it('serves / and /index.html without caching and with every security header', async () => {
    for (const route of ['/', '/index.html']) {
      const response = await get(route);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe(INDEX_HTML);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expectSecurityHeaders(response);
    }
  });

  it('serves hashed assets with a year-long immutable cache and the security headers', async () => {
    const response = await get('/assets/app-abc123.js');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(ASSET_JS);
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expectSecurityHeaders(response);
  });

  it('answers unknown files, non-GET SPA paths and unknown assets with a 404 carrying the headers', async () => {
    for (const [method, route] of [
      ['GET', '/nope.js'],
      ['GET', '/assets/missing-123.js'],
      ['HEAD', '/favicon.ico'],
      ['POST', '/clientes'],
    ] as const) {
      const response = await get(route, { method });
      expect(response.status, `${method} ${route}`).toBe(404);
      expect(await response.text()).not.toContain('<div id="root">');
      expectSecurityHeaders(response);
    }
  });

  it('never serves dotfiles from the build folder', async () => {
    const response = await get('/.env');
    expect([403, 404]).toContain(response.status);
    expect(await response.text()).not.toContain('SECRET');
  });

  it('serves /config.json from CALENDAR_ORIGINS, uncached', async () => {
    const response = await get('/config.json');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ calendarOrigins: ['http://cal.example:60000', 'https://calendar.example.com'] });
    expectSecurityHeaders(response);
  });

  it('answers /healthz', async () => {
    const response = await get('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('proxies /api with method, path, query, JSON body and cookies, and passes status and Set-Cookie back', async () => {
    const response = await get('/api/admin/customers?q=juan&page=2', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: 'agendo_admin=abc', 'x-want-status': '201' },
      body: JSON.stringify({ customer_id: 'cliente-123', name: 'Juan Pérez' }),
    });
    expect(response.status).toBe(201);
    expect(response.headers.getSetCookie()).toEqual(['agendo_admin=s3ss10n; HttpOnly; Path=/; SameSite=Strict', 'other=1; Path=/']);
    expectSecurityHeaders(response);
    const echoed = (await response.json()) as { method: string; url: string; headers: Record<string, string>; body: unknown };
    expect(echoed.method).toBe('POST');
    expect(echoed.url).toBe('/api/admin/customers?q=juan&page=2');
    expect(echoed.body).toEqual({ customer_id: 'cliente-123', name: 'Juan Pérez' });
    expect(echoed.headers.cookie).toBe('agendo_admin=abc');
  });

  it.each([401, 404, 409, 500])('passes the assistant status %i through', async (status) => {
    const response = await get('/api/admin/session', { headers: { 'x-want-status': String(status) } });
    expect(response.status).toBe(status);
  });

  it("replaces a client's X-Forwarded-For, Forwarded and X-Real-IP with the proxy's own view", async () => {
    const response = await get('/api/admin/login', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-forwarded-for': '203.0.113.7',
        forwarded: 'for=203.0.113.7;proto=https',
        'x-real-ip': '203.0.113.7',
        'x-forwarded-proto': 'https',
        'x-forwarded-host': 'evil.example',
      },
      body: JSON.stringify({ password: 'x' }),
    });
    const { headers } = (await response.json()) as { headers: Record<string, string> };
    expect(headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(headers.forwarded).toBeUndefined();
    expect(headers['x-real-ip']).toBeUndefined();
    expect(headers['x-forwarded-proto']).toBe('http');
    expect(headers['x-forwarded-host']).toBe(new URL(admin.url).host);
  });

  it('sets X-Forwarded-For even when the client sends none', async () => {
    const { headers } = (await (await get('/api/admin/session')).json()) as { headers: Record<string, string> };
    expect(headers['x-forwarded-for']).toBe('127.0.0.1');
  });

  it('logs admin API calls at info and page/asset/health requests at debug, one line each, without cookies', async () => {
    logLines.length = 0;
    await get('/clientes');
    await get('/assets/app-abc123.js');
    await get('/healthz');
    await get('/api/admin/session', { headers: { cookie: 'agendo_admin=topsecret' } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const requests = logLines.filter((line) => line.msg === 'request');
    const levelOf = (url: string) => requests.filter((line) => line.url === url).map((line) => line.level);
    expect(levelOf('/clientes')).toEqual([20]);
    expect(levelOf('/assets/app-abc123.js')).toEqual([20]);
    expect(levelOf('/healthz')).toEqual([20]);
    expect(levelOf('/api/admin/session')).toEqual([30]);
    expect(requests.find((line) => line.url === '/api/admin/session')).toMatchObject({ method: 'GET', statusCode: 200, ms: expect.any(Number) });
    expect(JSON.stringify(logLines)).not.toContain('topsecret');
    expect(JSON.stringify(logLines)).not.toContain('s3ss10n');
  });
});

describe('the admin server without its assistant', () => {
  it('answers /api with a JSON 502 at once, not a hang', async () => {
    const distDir = makeDistDir();
    const closed = Fastify();
    const deadUrl = await closed.listen({ host: '127.0.0.1', port: 0 });
    await closed.close();
    const admin = await startAdminServer(testConfig(distDir, deadUrl), { logger: false });
    try {
      const started = Date.now();
      const response = await fetch(`${admin.url}/api/admin/session`, { signal: AbortSignal.timeout(5_000) });
      expect(response.status).toBe(502);
      expect(await response.json()).toMatchObject({ error: 'bad_gateway' });
      expectSecurityHeaders(response);
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      await admin.close();
      fs.rmSync(distDir, { recursive: true, force: true });
    }
  });

  it('refuses to start without a built index.html, naming ADMIN_DIST_DIR', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'agendo-admin-empty-'));
    try {
      await expect(startAdminServer(testConfig(empty, 'http://127.0.0.1:9'), { logger: false })).rejects.toThrow(/ADMIN_DIST_DIR: .*index\.html/);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('the admin server configuration', () => {
  it('has the documented defaults', () => {
    const config = loadAdminConfig({}, '/srv');
    expect(config).toMatchObject({ host: 'localhost', port: 5173, assistantUrl: 'http://localhost:8080', calendarOrigins: ['http://localhost:60000'], logLevel: 'info' });
    expect(config.distDir).toMatch(/[/\\]public[/\\]?$/);
  });

  it('resolves a relative ADMIN_DIST_DIR against the working directory and treats empty variables as unset', () => {
    expect(loadAdminConfig({ ADMIN_DIST_DIR: 'build/site', ADMIN_PORT: ' ' }, '/srv/agendo')).toMatchObject({ distDir: path.resolve('/srv/agendo', 'build/site'), port: 5173 });
  });

  it.each([
    ['ADMIN_PORT', 'abc'],
    ['ADMIN_PORT', '70000'],
    ['ASSISTANT_URL', 'localhost:8080'],
    ['ASSISTANT_URL', 'http://localhost:8080/api'],
    ['CALENDAR_ORIGINS', 'http://localhost:60000,ftp://files.example'],
    ['CALENDAR_ORIGINS', 'http://localhost:60000/oauth/callback'],
    ['CALENDAR_ORIGINS', ', ,'],
    ['LOG_LEVEL', 'loud'],
  ])('names %s when it is %j', (name, value) => {
    expect(() => loadAdminConfig({ [name]: value })).toThrow(new RegExp(`Invalid configuration:[\\s\\S]*${name}:`));
  });

  it('names every bad variable at once', () => {
    let message = '';
    try {
      loadAdminConfig({ ADMIN_PORT: '-1', ASSISTANT_URL: 'nope', CALENDAR_ORIGINS: 'nope' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('ADMIN_PORT:');
    expect(message).toContain('ASSISTANT_URL:');
    expect(message).toContain('CALENDAR_ORIGINS:');
  });
});

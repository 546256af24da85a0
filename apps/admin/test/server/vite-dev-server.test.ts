// @vitest-environment node
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const adminRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const repoRoot = path.resolve(adminRoot, '../..');

/** The demo's secrets as `npm start` leaves them in DATA_DIR, with recognisable contents. */
const SECRETS: Record<string, string> = {
  'mcp-api-key': 'MCP-KEY-must-not-leak',
  'admin-password': 'ADMIN-PASSWORD-must-not-leak',
  'admin-token': 'ADMIN-TOKEN-must-not-leak',
  'tokens.db': 'TOKENS-DB-must-not-leak',
  'assistant.db': 'ASSISTANT-DB-must-not-leak',
  'token-encryption.key': 'ENCRYPTION-KEY-must-not-leak',
  'google-emulator-state.json': '{"leak":"EMULATOR-STATE-must-not-leak"}',
};

/** Starts the admin's real Vite dev server (its config file) on a free port, with `env` applied while it loads. */
async function startDevServer(env: Record<string, string | undefined>): Promise<{ server: ViteDevServer; url: string }> {
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  try {
    const server = await createServer({
      configFile: path.join(adminRoot, 'vite.config.ts'),
      root: adminRoot,
      logLevel: 'silent',
      cacheDir: fs.mkdtempSync(path.join(os.tmpdir(), 'agendo-vite-cache-')),
      optimizeDeps: { noDiscovery: true, include: [] },
      server: { port: 0, strictPort: false, hmr: false, watch: null },
    });
    await server.listen();
    const address = server.httpServer?.address();
    if (!address || typeof address !== 'object') throw new Error('the dev server is not listening');
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return { server, url: `http://${host}:${address.port}` };
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

/** Every way Vite could hand out a file by absolute path. */
const fsUrls = (file: string) => [`/@fs${file}`, `/@fs${file}?raw`, `/@fs${file}?import`, `/@fs${file}?import&raw`, `/@fs${file}?url`];

async function expectRefused(url: string, file: string, secret: string) {
  for (const route of fsUrls(file)) {
    const response = await fetch(`${url}${route}`);
    const body = await response.text();
    expect(body, route).not.toContain(secret);
    expect([403, 404], `${route} → ${response.status}`).toContain(response.status);
  }
}

describe('the Vite dev server with DATA_DIR set', () => {
  let dataDir: string;
  let dev: { server: ViteDevServer; url: string };

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'agendo-data-'));
    for (const [name, content] of Object.entries(SECRETS)) fs.writeFileSync(path.join(dataDir, name), content);
    fs.writeFileSync(path.join(dataDir, 'harmless.txt'), 'HARMLESS-but-in-the-data-dir');
    dev = await startDevServer({ DATA_DIR: dataDir, CALENDAR_ORIGINS: 'http://cal.test:60000' });
  });

  afterAll(async () => {
    await dev?.server.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it.each(Object.keys(SECRETS))('refuses /@fs/…/%s (raw, import, url)', async (name) => {
    await expectRefused(dev.url, path.join(dataDir, name), SECRETS[name] ?? '');
  });

  it('never hands out the content of any file in the data folder, whatever its name', async () => {
    const file = path.join(dataDir, 'harmless.txt');
    for (const route of fsUrls(file)) {
      // (`?import` of a non-module answers only with the file's URL, which is refused in turn)
      expect(await (await fetch(`${dev.url}${route}`)).text(), route).not.toContain('HARMLESS');
    }
    expect((await fetch(`${dev.url}/@fs${file}?raw`)).status).toBe(403);
    expect((await fetch(`${dev.url}/@fs${file}`)).status).toBe(403);
  });

  it('refuses files of the repository outside the admin (other services, scripts)', async () => {
    const response = await fetch(`${dev.url}/@fs${path.join(repoRoot, 'package.json')}?raw`);
    expect([403, 404]).toContain(response.status);
  });

  it('sends no Access-Control-Allow-Origin to another origin, even on a preflight', async () => {
    const get = await fetch(`${dev.url}/`, { headers: { origin: 'http://localhost:9999' } });
    expect(get.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${dev.url}/src/main.tsx`, { method: 'OPTIONS', headers: { origin: 'http://localhost:9999', 'access-control-request-method': 'GET' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('serves the admin page, its modules (with the contract package from source) and /config.json', async () => {
    const page = await fetch(`${dev.url}/clientes`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/src/main.tsx');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('content-security-policy')).toBe("frame-ancestors 'none'");

    const runtimeConfig = await fetch(`${dev.url}/config.json`);
    expect(runtimeConfig.status).toBe(200);
    expect(runtimeConfig.headers.get('cache-control')).toBe('no-store');
    expect(await runtimeConfig.json()).toEqual({ calendarOrigins: ['http://cal.test:60000'] });

    const module = await fetch(`${dev.url}/src/RuntimeConfig.tsx`);
    expect(module.status).toBe(200);
    const code = await module.text();
    const contractImport = /from\s+"([^"]*packages\/contracts[^"]*)"/.exec(code)?.[1];
    expect(contractImport, 'the page imports @agendo/contracts').toBeDefined();
    const contract = await fetch(`${dev.url}${contractImport}`);
    expect(contract.status).toBe(200);
    expect(await contract.text()).toContain('parseAdminRuntimeConfig');
  });
});

describe('the Vite dev server with the default DATA_DIR (<repo>/data)', () => {
  const dataDir = path.join(repoRoot, 'data');
  const secretFile = path.join(dataDir, `mcp-api-key-vite-test-${process.pid}`);
  const createdDir = !fs.existsSync(dataDir);
  let dev: { server: ViteDevServer; url: string };

  beforeAll(async () => {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(secretFile, 'DEFAULT-DATA-DIR-SECRET');
    dev = await startDevServer({ DATA_DIR: undefined });
  });

  afterAll(async () => {
    await dev?.server.close();
    fs.rmSync(secretFile, { force: true });
    if (createdDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses /@fs/<repo>/data/… (raw, import, url)', async () => {
    await expectRefused(dev.url, secretFile, 'DEFAULT-DATA-DIR-SECRET');
  });

  it('serves the admin page', async () => {
    const page = await fetch(`${dev.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
  });
});

describe('the Vite dev server proxying /api', () => {
  let upstream: http.Server;
  let seen: http.IncomingHttpHeaders[];
  let dev: { server: ViteDevServer; url: string };

  beforeAll(async () => {
    seen = [];
    upstream = http.createServer((request, response) => {
      seen.push(request.headers);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"ok":true}');
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    dev = await startDevServer({ ASSISTANT_URL: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}` });
  });

  afterAll(async () => {
    await dev?.server.close();
    upstream?.close();
  });

  it('replaces a client-supplied X-Forwarded-For with the address it saw, and drops Forwarded and X-Real-IP', async () => {
    const response = await fetch(`${dev.url}/api/admin/session`, { headers: { 'x-forwarded-for': '203.0.113.7', forwarded: 'for=203.0.113.8', 'x-real-ip': '203.0.113.9' } });
    expect(response.status).toBe(200);
    const headers = seen.at(-1) ?? {};
    expect(headers['x-forwarded-for']).toMatch(/^(::ffff:)?127\.0\.0\.1$|^::1$/);
    expect(JSON.stringify(headers)).not.toContain('203.0.113');
  });
});

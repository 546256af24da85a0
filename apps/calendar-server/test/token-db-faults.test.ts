import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { approveConsent, type RunningEmulator, startEmulator } from '@agendo/google-emulator';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { API_KEY, CLIENT_ID, CLIENT_SECRET, freePort, ON_POSTGRES } from './harness.js';

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsxLoader = pathToFileURL(path.resolve(appDir, '../../node_modules/tsx/dist/loader.mjs')).href;

/**
 * File permissions do not stop root: when the tests run as root, the server runs as `nobody`, so that
 * a file made read-only really is read-only to it.
 */
const AS_ROOT = process.getuid?.() === 0;
const NOBODY = 65534;

interface Run {
  readonly child: ChildProcess;
  readonly output: () => string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running: Run[] = [];

function run(env: Record<string, string>): Run {
  const child = spawn(process.execPath, ['--conditions=@agendo/source', '--import', tsxLoader, path.resolve(appDir, 'src/main.ts')], {
    cwd: appDir,
    env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(AS_ROOT ? { uid: NOBODY, gid: NOBODY } : {}),
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const r = { child, output: () => output, exited };
  running.push(r);
  return r;
}

async function waitForOutput(r: Run, pattern: RegExp): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (pattern.test(r.output())) return;
    if (r.child.exitCode !== null || r.child.signalCode !== null) throw new Error(`process exited early (${r.child.exitCode ?? r.child.signalCode}):\n${r.output()}`);
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error(`timed out waiting for ${pattern}:\n${r.output()}`);
}

let emulator: RunningEmulator;

// SQLite-specific scenarios: nothing more to learn from them in the PostgreSQL run.
beforeEach((ctx) => {
  if (ON_POSTGRES)
    ctx.skip(
      'the faults are those of a SQLite file (read-only, corrupt, deleted); PostgreSQL faults are classified by token-database-error and covered in postgres-faults.test.ts',
    );
});
let port: number;

/** A fresh data folder the server's user owns. */
function dataFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agendo-dbfault-'));
  if (AS_ROOT) fs.chownSync(dir, NOBODY, NOBODY);
  return dir;
}

function chownAll(dir: string): void {
  if (!AS_ROOT) return;
  for (const name of fs.readdirSync(dir)) fs.chownSync(path.join(dir, name), NOBODY, NOBODY);
}

const env = (dataDir: string, extra: Record<string, string> = {}) => ({
  HOST: '127.0.0.1',
  PORT: String(port),
  DATA_DIR: dataDir,
  MCP_API_KEY: API_KEY,
  GOOGLE_OAUTH_CLIENT_ID: CLIENT_ID,
  GOOGLE_OAUTH_CLIENT_SECRET: CLIENT_SECRET,
  GOOGLE_OAUTH_REDIRECT_URI: `http://127.0.0.1:${port}/oauth/callback`,
  GOOGLE_OAUTH_BASE_URL: emulator.url,
  TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  ...extra,
});

const api = (pathname: string, init: { method?: string; json?: unknown } = {}) =>
  fetch(`http://127.0.0.1:${port}${pathname}`, {
    method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
    headers: { authorization: `Bearer ${API_KEY}`, ...(init.json === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
  });

async function connect(customerId: string, email: string): Promise<number> {
  const res = await api('/oauth/authorize', { json: { customer_id: customerId, email } });
  if (res.status !== 200) return res.status;
  const { authorization_url } = (await res.json()) as { authorization_url: string };
  return (await fetch(await approveConsent(authorization_url))).status;
}

/** The output's lines without the JSON log lines and the banner. */
const plainLines = (output: string) => output.split('\n').filter((l) => l.trim() !== '');

beforeAll(async () => {
  port = await freePort();
  emulator = await startEmulator({ port: 0, clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [`http://127.0.0.1:${port}/oauth/callback`] }] });
});
afterEach(async () => {
  for (const r of running.splice(0)) {
    if (r.child.exitCode === null && r.child.signalCode === null) {
      r.child.kill('SIGKILL');
      await r.exited;
    }
  }
});
afterAll(async () => {
  await emulator?.close();
});

describe('a token database that cannot be used at start', () => {
  it('read-only: exits 1 with one clear line naming the file and what to do, no stack trace', async () => {
    const dir = dataFolder();
    const first = run(env(dir));
    await waitForOutput(first, /listening on/);
    first.child.kill('SIGTERM');
    await first.exited;
    const file = path.join(dir, 'tokens.db');
    for (const name of fs.readdirSync(dir)) fs.chmodSync(path.join(dir, name), 0o400);
    const server = run(env(dir));
    const { code } = await server.exited;
    const output = server.output();
    expect(code, output).toBe(1);
    expect(output).toContain(file);
    expect(output).toMatch(/read-only|not writable/i);
    expect(output).not.toMatch(/\n\s+at /);
    expect(plainLines(output).length, output).toBeLessThanOrEqual(3);
  });

  it('corrupt (random bytes): exits 1 with a clear message naming the file, no stack trace', async () => {
    const dir = dataFolder();
    const file = path.join(dir, 'tokens.db');
    fs.writeFileSync(file, randomBytes(64 * 1024));
    chownAll(dir);
    const server = run(env(dir));
    const { code } = await server.exited;
    const output = server.output();
    expect(code, output).toBe(1);
    expect(output).toContain(file);
    expect(output).toMatch(/not a SQLite database|corrupt/i);
    expect(output).not.toMatch(/\n\s+at /);
    expect(plainLines(output).length, output).toBeLessThanOrEqual(3);
  });
});

describe('a token database that becomes unwritable while running', () => {
  const dbFiles = (dir: string) =>
    fs
      .readdirSync(dir)
      .filter((n) => n.startsWith('tokens.db'))
      .map((n) => path.join(dir, n));
  it.each([
    // With WAL, truncating the memory-mapped -shm file killed the process with SIGBUS and no log line.
    [
      'every database file truncated',
      (dir: string) => {
        for (const f of dbFiles(dir)) fs.truncateSync(f, 0);
      },
      false,
    ],
    [
      'the database files read-only',
      (dir: string) => {
        for (const f of dbFiles(dir)) fs.chmodSync(f, 0o400);
      },
      false,
    ],
    ['the folder read-only', (dir: string) => fs.chmodSync(dir, 0o500), true],
    [
      'files and folder read-only',
      (dir: string) => {
        for (const f of dbFiles(dir)) fs.chmodSync(f, 0o400);
        fs.chmodSync(dir, 0o500);
      },
      true,
    ],
  ] as const)('%s: writes are answered as errors, the process stays up and logs an error line', async (_what, breakIt, writesMustFail) => {
    const dir = dataFolder();
    const server = run(env(dir, { LOG_LEVEL: 'info' }));
    await waitForOutput(server, /listening on/);
    expect(await connect('antes', 'antes@ejemplo.com')).toBe(200);
    breakIt(dir);
    try {
      const before = server.output().length;
      const authorize = await api('/oauth/authorize', { json: { customer_id: 'despues', email: 'despues@ejemplo.com' } });
      const disconnect = await api('/oauth/connections/antes', { method: 'DELETE' });
      const statuses = [authorize.status, disconnect.status];
      if (writesMustFail) expect(statuses).toEqual([503, 503]);
      for (const res of [authorize, disconnect]) {
        if (res.status === 200) continue; // the write may still work (an open file stays writable)
        expect(res.status).toBe(503);
        expect(((await res.json()) as { error: string }).error).toMatch(/^token_database_/);
      }
      await new Promise((res) => setTimeout(res, 300));
      expect(server.child.exitCode, server.output()).toBeNull();
      expect(server.child.signalCode, server.output()).toBeNull();
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (writesMustFail) expect(health.status).toBe(503);
      const errors = server
        .output()
        .slice(before)
        .split('\n')
        .filter((l) => /"level":50/.test(l));
      if (statuses.some((s) => s !== 200)) {
        expect(errors.length).toBeGreaterThanOrEqual(1);
        expect(errors.join('\n')).toContain(path.join(dir, 'tokens.db'));
      }
    } finally {
      fs.chmodSync(dir, 0o700);
    }
  });
});

describe('a token database created new while a key already existed', () => {
  it('warns at start that the connections were lost', async () => {
    const dir = dataFolder();
    const demoEnv = env(dir);
    delete (demoEnv as Partial<typeof demoEnv>).TOKEN_ENCRYPTION_KEY;
    const first = run(demoEnv);
    await waitForOutput(first, /listening on/);
    first.child.kill('SIGTERM');
    await first.exited;
    expect(first.output()).not.toMatch(/WARNING/);
    for (const name of fs.readdirSync(dir)) if (name.startsWith('tokens.db')) fs.rmSync(path.join(dir, name));
    const second = run(demoEnv);
    await waitForOutput(second, /listening on/);
    expect(second.output()).toMatch(/WARNING.*token database .*tokens\.db.* was created new.*encryption key/i);
  });
});

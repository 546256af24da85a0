import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { approveConsent, type RunningEmulator, startEmulator } from '@agendo/google-emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTokenDatabase } from '../src/db/token-database.js';
import { parseEncryptionKey } from '../src/vault/encryption-key.js';
import { TokenCipher } from '../src/vault/token-cipher.js';
import { TokenVault } from '../src/vault/token-vault.js';
import { API_KEY, CLIENT_ID, CLIENT_SECRET, freePort, ON_POSTGRES } from './harness.js';

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface Run {
  readonly child: ChildProcess;
  readonly output: () => string;
  readonly exited: Promise<number | null>;
}

/** tsx's loader by absolute URL, so that a process can run from any working directory. */
const tsxLoader = pathToFileURL(path.resolve(appDir, '../../node_modules/tsx/dist/loader.mjs')).href;

function run(script: string, env: Record<string, string>, cwd = appDir): Run {
  const child = spawn(process.execPath, ['--conditions=@agendo/source', '--import', tsxLoader, path.resolve(appDir, script)], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitForOutput(r: Run, pattern: RegExp): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (pattern.test(r.output())) return;
    if (r.child.exitCode !== null) throw new Error(`process exited early:\n${r.output()}`);
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error(`timed out waiting for ${pattern}:\n${r.output()}`);
}

let emulator: RunningEmulator;

// SQLite-specific scenarios: nothing more to learn from them in the PostgreSQL run.
beforeEach((ctx) => {
  if (ON_POSTGRES)
    ctx.skip(
      'these spawn the server on its SQLite file (demo key, .env, rotate-keys on the file); PostgreSQL start-up is covered in-process by every harness test and replicas.test.ts',
    );
});
let dataDir: string;
let port: number;
const keyA = randomBytes(32).toString('base64');
const keyB = randomBytes(32).toString('hex');

const baseEnv = (extra: Record<string, string> = {}) => ({
  HOST: '127.0.0.1',
  PORT: String(port),
  DATA_DIR: dataDir,
  MCP_API_KEY: API_KEY,
  GOOGLE_OAUTH_CLIENT_ID: CLIENT_ID,
  GOOGLE_OAUTH_CLIENT_SECRET: CLIENT_SECRET,
  GOOGLE_OAUTH_REDIRECT_URI: `http://127.0.0.1:${port}/oauth/callback`,
  GOOGLE_OAUTH_BASE_URL: emulator.url,
  ...extra,
});

beforeAll(async () => {
  port = await freePort();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'agendo-proc-'));
  emulator = await startEmulator({ port: 0, clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [`http://127.0.0.1:${port}/oauth/callback`] }] });
});
afterAll(async () => {
  await emulator?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the server process', () => {
  it('connects a customer and never logs tokens, codes or states', async () => {
    const server = run('src/main.ts', baseEnv({ TOKEN_ENCRYPTION_KEY: keyA, LOG_LEVEL: 'debug' }));
    try {
      await waitForOutput(server, /listening on/);
      const auth = await fetch(`http://127.0.0.1:${port}/oauth/authorize`, {
        method: 'POST',
        headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ customer_id: 'cliente-123', email: 'cliente@ejemplo.com' }),
      });
      const { authorization_url, state } = (await auth.json()) as { authorization_url: string; state: string };
      const redirect = new URL(await approveConsent(authorization_url));
      const page = await fetch(redirect);
      expect(page.status).toBe(200);
      await waitForOutput(server, /"url":"\/oauth\/callback/);

      const store = await openTokenDatabase({ file: path.join(dataDir, 'tokens.db') });
      const stored = await new TokenVault(store.db, new TokenCipher(parseEncryptionKey(keyA, 'A'))).get('cliente-123');
      await store.close();
      const log = server.output();
      expect(log).toMatch(/\/oauth\/callback\?state=\[REDACTED\]&code=\[REDACTED\]/);
      for (const secret of [stored!.tokens.accessToken, stored!.tokens.refreshToken, redirect.searchParams.get('code')!, state, API_KEY, keyA]) {
        expect(log).not.toContain(secret);
      }
    } finally {
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
    }
  });

  it('refuses to start with a key that does not match the data on disk', async () => {
    const wrong = run('src/main.ts', baseEnv({ TOKEN_ENCRYPTION_KEY: keyB }));
    expect(await wrong.exited).toBe(1);
    expect(wrong.output()).toContain('calendar-server: cannot start.');
    expect(wrong.output()).toMatch(/1 connection\(s\) encrypted with key id [0-9a-f]{16}, which is neither TOKEN_ENCRYPTION_KEY/);
  });

  it('rotate-keys re-encrypts under the new key, after which the old key can go', async () => {
    const rotate = run('src/vault/rotate-keys-command.ts', baseEnv({ TOKEN_ENCRYPTION_KEY: keyB, TOKEN_ENCRYPTION_KEYS_PREVIOUS: keyA }));
    expect(await rotate.exited).toBe(0);
    expect(rotate.output()).toContain('rotate-keys: 1/1 connections re-encrypted');

    const server = run('src/main.ts', baseEnv({ TOKEN_ENCRYPTION_KEY: keyB }));
    try {
      await waitForOutput(server, /listening on/);
      const res = await fetch(`http://127.0.0.1:${port}/oauth/status/cliente-123`, { headers: { authorization: `Bearer ${API_KEY}` } });
      expect(await res.json()).toMatchObject({ status: 'connected', email: 'cliente@ejemplo.com' });
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  });

  it.each([
    [{ MCP_API_KEY: '' }, /MCP_API_KEY/],
    [{ MCP_API_KEY: 'short' }, /MCP_API_KEY: must be at least 24 characters/],
    [{ PORT: 'eighty' }, /PORT/],
    [{ ADMIN_ORIGIN: 'localhost:5173' }, /ADMIN_ORIGIN/],
    [{ TOKEN_ENCRYPTION_KEY: 'your-encryption-key' }, /TOKEN_ENCRYPTION_KEY: is not a 32-byte key/],
    [{ GOOGLE_OAUTH_BASE_URL: '', TOKEN_ENCRYPTION_KEY: '' }, /TOKEN_ENCRYPTION_KEY: is required with real Google credentials/],
  ])('stops with a message naming the bad setting (%o)', async (env, message) => {
    const bad = run('src/main.ts', baseEnv({ TOKEN_ENCRYPTION_KEY: keyB, ...env }));
    expect(await bad.exited).toBe(1);
    expect(bad.output()).toMatch(message);
  });

  it('in demo mode without a key, generates one into DATA_DIR with mode 0600', async () => {
    const demoDir = fs.mkdtempSync(path.join(os.tmpdir(), 'agendo-demo-'));
    const server = run('src/main.ts', baseEnv({ DATA_DIR: demoDir }));
    try {
      await waitForOutput(server, /listening on/);
      const keyFile = path.join(demoDir, 'token-encryption.key');
      expect(server.output()).toContain(`encryption key: generated into ${keyFile}`);
      expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
      expect(() => parseEncryptionKey(fs.readFileSync(keyFile, 'utf8'), 'demo')).not.toThrow();
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
      fs.rmSync(demoDir, { recursive: true, force: true });
    }
  });
});

describe('.env', () => {
  it('reads .env from the working directory, and the real environment wins over it', async () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'agendo-dotenv-'));
    try {
      // The file sets an invalid LOG_LEVEL (not in the environment) and a too-short MCP_API_KEY (the environment has a valid one).
      fs.writeFileSync(path.join(cwd, '.env'), 'LOG_LEVEL=loudest\nMCP_API_KEY=short\n');
      const r = run('src/main.ts', baseEnv(), cwd);
      expect(await r.exited).toBe(1);
      expect(r.output()).toContain('LOG_LEVEL');
      expect(r.output()).not.toContain('MCP_API_KEY');
    } finally {
      fs.rmSync(cwd, { recursive: true, force: true });
    }
  });
});

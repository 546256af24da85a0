import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { type RunningEmulator, startEmulator } from '@agendo/google-emulator';
import { loadConfig, type Config } from '../src/config.js';
import { type RunningServer, startServer } from '../src/server.js';

export const CLIENT_ID = 'agendo-test.apps.googleusercontent.com';
export const CLIENT_SECRET = 'agendo-test-secret';
export const API_KEY = 'test-api-key-0123456789abcdef';
export const ADMIN_ORIGIN = 'http://localhost:5173';

/** A free TCP port on 127.0.0.1 (the redirect URI must name the server's port before it starts). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** The stand-in and a calendar server wired to it, each on 127.0.0.1, with a fresh data folder. */
export interface Harness {
  readonly emulator: RunningEmulator;
  readonly server: RunningServer;
  readonly config: Config;
  readonly dataDir: string;
  readonly env: Record<string, string>;
  /** Calls the server with the API key (unless `auth` is given: `null` for none). */
  api(pathname: string, init?: RequestInit & { auth?: string | null; json?: unknown }): Promise<Response>;
  close(): Promise<void>;
}

/** Starts the emulator and a server in-process; `env` overrides the server's environment. */
export async function startHarness(env: Record<string, string> = {}): Promise<Harness> {
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
    ...env,
  };
  const config = loadConfig(fullEnv);
  const server = await startServer(config, { logger: false });
  return {
    emulator,
    server,
    config,
    dataDir,
    env: fullEnv,
    async api(pathname, init = {}) {
      const { auth, json, ...rest } = init;
      const headers = new Headers(rest.headers);
      const token = auth === undefined ? API_KEY : auth;
      if (token !== null) headers.set('authorization', `Bearer ${token}`);
      if (json !== undefined) headers.set('content-type', 'application/json');
      return fetch(`${server.url}${pathname}`, { ...rest, headers, body: json === undefined ? rest.body : JSON.stringify(json) });
    },
    async close() {
      await server.close();
      await emulator.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// `npm start`: runs the whole system on this machine from its build (`node apps/*/dist/…`), building
// first when the build is missing or older than the sources. `npm run dev` (`--dev`) runs the same
// services from their TypeScript sources with tsx in watch mode and the admin on Vite's dev server.
// With no Google credentials it is demo mode: the Google stand-in (apps/google-emulator) runs too, keeps
// its state in DATA_DIR, and everything points at it. Secrets the demo needs are generated once into
// DATA_DIR (default ./data, mode 0700, files 0600). `.env` in the current folder is read first (the
// real environment wins). Ctrl-C stops everything.
// Plain JavaScript on purpose: it must run before anything is built and after `npm prune --omit=dev`.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import localDefaults from '../packages/local-defaults/src/local-defaults.json' with { type: 'json' };
import { buildAll, buildToolsInstalled, root, staleWorkspaces } from './build.mjs';

const startedAt = performance.now();
const dev = process.argv.includes('--dev');
if (fs.existsSync('.env')) process.loadEnvFile('.env');
const env = process.env;
const dataDir = path.resolve(env.INIT_CWD ?? process.cwd(), env.DATA_DIR || 'data');

/** Creates DATA_DIR private to its owner (0700), whatever the umask. */
function preparePrivateDataDir() {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const stat = fs.statSync(dataDir);
  if ((stat.mode & 0o1000) === 0 && stat.uid === process.getuid?.() && (stat.mode & 0o777) !== 0o700) fs.chmodSync(dataDir, 0o700);
}

/**
 * Reads a secret kept in DATA_DIR, creating it (mode 0600, `bytes` random bytes) on first start.
 * @param {string} file @param {number} [bytes]
 */
function demoSecret(file, bytes = 32) {
  const full = path.join(dataDir, file);
  if (!fs.existsSync(full)) fs.writeFileSync(full, `${randomBytes(bytes).toString('base64url')}\n`, { mode: 0o600 });
  if ((fs.statSync(full).mode & 0o777) !== 0o600) fs.chmodSync(full, 0o600);
  return fs.readFileSync(full, 'utf8').trim();
}

/** Builds when needed; without the build tools (a pruned install) a missing build is a clear error. */
function ensureBuilt() {
  const stale = staleWorkspaces();
  if (stale.length === 0) return;
  if (!buildToolsInstalled()) {
    process.stderr.write(
      `[start] the build is missing or older than the sources (${stale.join(', ')}), and the build tools are not installed.\n` +
        '[start] run `npm install && npm run build` (or `npm ci && npm run build` before `npm prune --omit=dev`).\n',
    );
    process.exit(1);
  }
  process.stdout.write(`[start] the build is missing or older than the sources (${stale.join(', ')}); building…\n`);
  try {
    buildAll({ log: (line) => process.stdout.write(`[start] ${line}\n`) });
  } catch (err) {
    process.stderr.write(`[start] ${/** @type {Error} */ (err).message}\n`);
    process.exit(1);
  }
}

if (!dev) ensureBuilt();
preparePrivateDataDir();

const demo = !(env.GOOGLE_OAUTH_CLIENT_ID && env.GOOGLE_OAUTH_CLIENT_SECRET);
const emulatorPort = Number(env.EMULATOR_PORT || localDefaults.ports.googleEmulator);
const serverPort = Number(env.PORT || localDefaults.ports.calendarServer);
const emulatorUrl = `http://localhost:${emulatorPort}`;
const serverUrl = `http://localhost:${serverPort}`;
/** @type {Record<string, string>} */
const google = demo
  ? {
      GOOGLE_OAUTH_CLIENT_ID: localDefaults.demoOAuthClient.clientId,
      GOOGLE_OAUTH_CLIENT_SECRET: localDefaults.demoOAuthClient.clientSecret,
      GOOGLE_OAUTH_REDIRECT_URI: `${serverUrl}/oauth/callback`,
      GOOGLE_OAUTH_BASE_URL: emulatorUrl,
      GOOGLE_API_BASE_URL: emulatorUrl,
    }
  : {};
const mcpApiKey = env.MCP_API_KEY || demoSecret('mcp-api-key');
const adminPassword = env.ADMIN_PASSWORD || demoSecret('admin-password', 12);
const adminToken = env.ADMIN_TOKEN || demoSecret('admin-token');
const assistantPort = Number(env.ASSISTANT_PORT || localDefaults.ports.assistant);
const assistantUrl = `http://localhost:${assistantPort}`;
const adminPort = Number(env.ADMIN_PORT || localDefaults.ports.admin);
const adminUrl = `http://localhost:${adminPort}`;
const tsxCli = path.join(root, 'node_modules/tsx/dist/cli.mjs');

/**
 * One process of the system: built, it is `node <app>/dist/<entry>`; in dev mode its TypeScript
 * source under tsx watch (the admin: Vite's dev server).
 * @typedef {{ name: string, app: string, entry: string, env: Record<string, string>, health: string, devArgs?: string[] }} Service
 */

/** @type {Service[]} */
const services = [
  ...(demo
    ? [
        {
          name: 'google-emulator',
          app: 'apps/google-emulator',
          entry: 'main',
          env: { ...google, EMULATOR_PORT: String(emulatorPort), EMULATOR_HOST: 'localhost', EMULATOR_STATE_FILE: path.join(dataDir, 'google-emulator-state.json') },
          health: `${emulatorUrl}/__emulator/state`,
        },
      ]
    : []),
  {
    name: 'calendar-server',
    app: 'apps/calendar-server',
    entry: 'main',
    env: { ...google, DATA_DIR: dataDir, PORT: String(serverPort), MCP_API_KEY: mcpApiKey, ADMIN_ORIGIN: adminUrl },
    health: `${serverUrl}/healthz`,
  },
  {
    name: 'assistant',
    app: 'apps/assistant',
    entry: 'main',
    env: { DATA_DIR: dataDir, ASSISTANT_PORT: String(assistantPort), MCP_SERVER_URL: serverUrl, MCP_API_KEY: mcpApiKey, ADMIN_PASSWORD: adminPassword, ADMIN_TOKEN: adminToken },
    health: `${assistantUrl}/healthz`,
  },
  {
    name: 'admin',
    app: 'apps/admin',
    entry: 'server',
    env: { DATA_DIR: dataDir, ADMIN_PORT: String(adminPort), ASSISTANT_URL: assistantUrl, CALENDAR_ORIGINS: serverUrl },
    health: dev ? `${adminUrl}/` : `${adminUrl}/healthz`,
    devArgs: [path.join(root, 'node_modules/vite/bin/vite.js'), '--port', String(adminPort), '--strictPort', '--clearScreen', 'false'],
  },
];

/** @type {import('node:child_process').ChildProcess[]} */
const children = [];
let stopping = false;

/** @param {string} name @param {import('node:stream').Readable} stream @param {NodeJS.WriteStream} out */
function prefixLines(name, stream, out) {
  let rest = '';
  stream.on('data', (/** @type {Buffer} */ chunk) => {
    const lines = (rest + chunk.toString()).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) out.write(`[${name}] ${line}\n`);
  });
}

/** @param {Service} service */
function launch(service) {
  const args = dev
    ? (service.devArgs ?? [tsxCli, 'watch', '--conditions=@agendo/source', path.join(service.app, 'src', `${service.entry}.ts`)])
    : [path.join(service.app, 'dist', `${service.entry}.js`)];
  const child = spawn(process.execPath, args, {
    cwd: dev && service.devArgs ? path.join(root, service.app) : root,
    env: { ...env, ...service.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  prefixLines(service.name, /** @type {import('node:stream').Readable} */ (child.stdout), process.stdout);
  prefixLines(service.name, /** @type {import('node:stream').Readable} */ (child.stderr), process.stderr);
  child.on('exit', (code, signal) => {
    if (stopping) return;
    process.stderr.write(`[start] ${service.name} exited (${signal ?? `code ${code}`}); stopping everything.\n`);
    stop(1);
  });
  children.push(child);
  return child;
}

/** @param {Service} service @param {import('node:child_process').ChildProcess} child */
async function waitHealthy(service, child) {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null || stopping) throw new Error(`${service.name} did not start`);
    try {
      if ((await fetch(service.health)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${service.name} did not become healthy at ${service.health}`);
}

/** @param {number} code */
function stop(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  const deadline = setTimeout(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    process.exit(code);
  }, 5000);
  deadline.unref();
  Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.on('exit', r)) : undefined))).then(() => process.exit(code));
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

try {
  for (const service of services) await waitHealthy(service, launch(service));
} catch (err) {
  process.stderr.write(`[start] ${/** @type {Error} */ (err).message}\n`);
  stop(1);
}
if (!stopping) {
  const banner = [
    '',
    `  Agendo is running (${dev ? 'development: tsx watch + Vite' : 'built'}; ready in ${((performance.now() - startedAt) / 1000).toFixed(1)} s)`,
    `  Admin (clientes):    ${adminUrl}/clientes`,
    `  mode:                ${demo ? `DEMO — Google stand-in at ${emulatorUrl} (no GOOGLE_OAUTH_CLIENT_ID/SECRET set)` : 'Google (real credentials)'}`,
    `  Assistant service:   ${assistantUrl}  (admin API /api/admin, WhatsApp webhook /webhooks/whatsapp)`,
    `  MCP Calendar Server: ${serverUrl}  (health: ${serverUrl}/healthz)`,
    ...(demo ? [`  Google stand-in:     ${emulatorUrl}  (control API: ${emulatorUrl}/__emulator/state)`] : []),
    `  data:                ${dataDir}`,
    `  admin password:      ${env.ADMIN_PASSWORD ? 'from ADMIN_PASSWORD' : `${adminPassword}  (kept in ${path.join(dataDir, 'admin-password')})`}`,
    `  MCP API key:         ${env.MCP_API_KEY ? 'from MCP_API_KEY' : `${path.join(dataDir, 'mcp-api-key')}`}`,
    `  chat in a terminal:  npm run chat -- --customer <ID>`,
    '  Ctrl-C stops everything.',
    '',
  ];
  process.stdout.write(`${banner.join('\n')}\n`);
}

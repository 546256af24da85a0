/**
 * `npm start`: runs the whole system on this machine. With no Google credentials it is demo mode:
 * the Google stand-in (apps/google-emulator) runs too and everything points at it. Secrets the demo
 * needs are generated once into DATA_DIR (default ./data). Ctrl-C stops everything.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const env = process.env;
const dataDir = path.resolve(root, env.DATA_DIR || 'data');
fs.mkdirSync(dataDir, { recursive: true });

/** Reads a secret kept in DATA_DIR, creating it (mode 0600, `bytes` random bytes) on first start. */
function demoSecret(file: string, bytes = 32): string {
  const full = path.join(dataDir, file);
  if (!fs.existsSync(full)) fs.writeFileSync(full, `${randomBytes(bytes).toString('base64url')}\n`, { mode: 0o600 });
  return fs.readFileSync(full, 'utf8').trim();
}

const demo = !(env.GOOGLE_OAUTH_CLIENT_ID && env.GOOGLE_OAUTH_CLIENT_SECRET);
const emulatorPort = Number(env.EMULATOR_PORT || 60080);
const serverPort = Number(env.PORT || 60000);
const emulatorUrl = `http://localhost:${emulatorPort}`;
const serverUrl = `http://localhost:${serverPort}`;
const google: Record<string, string> = demo
  ? {
      GOOGLE_OAUTH_CLIENT_ID: 'agendo-demo.apps.googleusercontent.com',
      GOOGLE_OAUTH_CLIENT_SECRET: 'agendo-demo-secret',
      GOOGLE_OAUTH_REDIRECT_URI: `${serverUrl}/oauth/callback`,
      GOOGLE_OAUTH_BASE_URL: emulatorUrl,
      GOOGLE_API_BASE_URL: emulatorUrl,
    }
  : {};
const mcpApiKey = env.MCP_API_KEY || demoSecret('mcp-api-key');
const adminPassword = env.ADMIN_PASSWORD || demoSecret('admin-password', 12);
const adminToken = env.ADMIN_TOKEN || demoSecret('admin-token');
const assistantPort = Number(env.ASSISTANT_PORT || 8080);
const assistantUrl = `http://localhost:${assistantPort}`;
const adminPort = Number(env.ADMIN_PORT || 5173);
const adminUrl = `http://localhost:${adminPort}`;

interface Service {
  readonly name: string;
  readonly workspace: string;
  readonly env: Record<string, string>;
  readonly health: string;
  /** What to run in the workspace (default: its TypeScript entry point, src/main.ts). */
  readonly args?: string[];
}

const services: Service[] = [
  ...(demo
    ? [{ name: 'google-emulator', workspace: 'apps/google-emulator', env: { ...google, EMULATOR_PORT: String(emulatorPort), EMULATOR_HOST: 'localhost' }, health: `${emulatorUrl}/__emulator/state` }]
    : []),
  {
    name: 'calendar-server',
    workspace: 'apps/calendar-server',
    env: { ...google, DATA_DIR: dataDir, PORT: String(serverPort), MCP_API_KEY: mcpApiKey, ADMIN_ORIGIN: adminUrl },
    health: `${serverUrl}/healthz`,
  },
  {
    name: 'assistant',
    workspace: 'apps/assistant',
    env: {
      DATA_DIR: dataDir,
      ASSISTANT_PORT: String(assistantPort),
      MCP_SERVER_URL: serverUrl,
      MCP_API_KEY: mcpApiKey,
      ADMIN_PASSWORD: adminPassword,
      ADMIN_TOKEN: adminToken,
    },
    health: `${assistantUrl}/healthz`,
  },
  {
    name: 'admin',
    workspace: 'apps/admin',
    args: [path.join(root, 'node_modules/vite/bin/vite.js'), '--port', String(adminPort), '--strictPort', '--clearScreen', 'false'],
    env: { ASSISTANT_URL: assistantUrl, VITE_CALENDAR_ORIGIN: serverUrl },
    health: `${adminUrl}/`,
  },
];

const children: ChildProcess[] = [];
let stopping = false;

function prefixLines(name: string, stream: NodeJS.ReadableStream, out: NodeJS.WriteStream): void {
  let rest = '';
  stream.on('data', (chunk: Buffer) => {
    const lines = (rest + chunk.toString()).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) out.write(`[${name}] ${line}\n`);
  });
}

function launch(service: Service): ChildProcess {
  const child = spawn(process.execPath, service.args ?? ['--import', 'tsx', 'src/main.ts'], {
    cwd: path.join(root, service.workspace),
    env: { ...env, ...service.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  prefixLines(service.name, child.stdout!, process.stdout);
  prefixLines(service.name, child.stderr!, process.stderr);
  child.on('exit', (code, signal) => {
    if (stopping) return;
    process.stderr.write(`[start] ${service.name} exited (${signal ?? `code ${code}`}); stopping everything.\n`);
    stop(1);
  });
  children.push(child);
  return child;
}

async function waitHealthy(service: Service, child: ChildProcess): Promise<void> {
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

function stop(code: number): void {
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
  process.stderr.write(`[start] ${(err as Error).message}\n`);
  stop(1);
}
if (!stopping) {
  const banner = [
    '',
    '  Agendo is running',
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

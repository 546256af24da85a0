/**
 * The bench's first phase: the whole built system as `npm start` runs it (`node scripts/start.mjs`,
 * demo mode, a fresh DATA_DIR, free ports). It measures the time from launch to the banner with an
 * existing build, each service's RSS right after start, and again after 10,000 MCP calls to the
 * calendar server and a few hundred chat turns through the assistant.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '@agendo/free-port';
import { approveConsent } from '@agendo/google-emulator';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { childProcesses, rssMb } from './process-memory.js';

/** What one run of the built system measured. */
export interface BuiltSystemFigures {
  /** Seconds from launching `npm start`'s script to its banner, with the build already there. */
  readonly startReadySeconds: number;
  /** RSS (MB) per service after start and after the load. */
  readonly services: Record<string, { rss_mb_idle: number; rss_mb_loaded: number }>;
  readonly mcpCalls: number;
  readonly chatTurns: number;
}

const SERVICES: Record<string, string> = {
  'google-emulator': 'apps/google-emulator/dist/main.js',
  'calendar-server': 'apps/calendar-server/dist/main.js',
  assistant: 'apps/assistant/dist/main.js',
  admin: 'apps/admin/dist/server.js',
};

async function waitForBanner(child: ChildProcess, output: () => string): Promise<void> {
  for (let i = 0; !output().includes('Agendo is running'); i++) {
    if (child.exitCode !== null || i > 1200) throw new Error(`npm start did not come up:\n${output()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Starts the built system, loads it and reads its memory; stops it before returning. */
export async function measureBuiltSystem(
  repo: string,
  options: { mcpCalls: number; chatTurns: number; customers: number; progress: (line: string) => void },
): Promise<BuiltSystemFigures> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'agendo-bench-system-'));
  const ports = { emulator: await freePort(), server: await freePort(), assistant: await freePort(), admin: await freePort() };
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    EMULATOR_PORT: String(ports.emulator),
    PORT: String(ports.server),
    ASSISTANT_PORT: String(ports.assistant),
    ADMIN_PORT: String(ports.admin),
    LOG_LEVEL: 'warn',
  };
  for (const name of ['GOOGLE_OAUTH_CLIENT_ID', 'GOOGLE_OAUTH_CLIENT_SECRET', 'MCP_API_KEY', 'ADMIN_PASSWORD', 'ADMIN_TOKEN', 'TOKEN_ENCRYPTION_KEY']) delete env[name];
  let output = '';
  const started = performance.now();
  const system = spawn(process.execPath, ['scripts/start.mjs'], { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'] });
  system.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  system.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const clients: Client[] = [];
  try {
    await waitForBanner(system, () => output);
    const startReadySeconds = (performance.now() - started) / 1000;
    if (output.includes('building')) throw new Error('npm start had to build: run the bench with the build in place');
    const pids: Record<string, number> = {};
    for (const child of childProcesses(system.pid ?? -1)) {
      const name = Object.entries(SERVICES).find(([, entry]) => child.command.includes(entry))?.[0];
      if (name) pids[name] = child.pid;
    }
    const missing = Object.keys(SERVICES).filter((name) => pids[name] === undefined);
    if (missing.length > 0) throw new Error(`could not find the processes of ${missing.join(', ')} under npm start`);
    // Let start-up garbage settle before reading the idle figure.
    await new Promise((r) => setTimeout(r, 1000));
    const idle = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, rssMb(pid)]));

    const serverUrl = `http://localhost:${ports.server}`;
    const assistantUrl = `http://localhost:${ports.assistant}`;
    const mcpKey = fs.readFileSync(path.join(dataDir, 'mcp-api-key'), 'utf8').trim();
    const adminToken = fs.readFileSync(path.join(dataDir, 'admin-token'), 'utf8').trim();
    const admin = { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' };
    options.progress(`built system up in ${startReadySeconds.toFixed(1)} s; connecting ${options.customers} customers`);
    for (let i = 0; i < options.customers; i++) {
      const customer = { customer_id: `load-${i}`, email: `load${i}@ejemplo.com`, name: `Cliente ${i}` };
      const created = await fetch(`${assistantUrl}/api/admin/customers`, { method: 'POST', headers: admin, body: JSON.stringify(customer) });
      if (created.status !== 201 && created.status !== 200) throw new Error(`creating ${customer.customer_id}: ${created.status} ${await created.text()}`);
      const connect = await fetch(`${assistantUrl}/api/admin/customers/${customer.customer_id}/calendar/connect`, {
        method: 'POST',
        headers: admin,
        body: JSON.stringify({ delivery: 'popup' }),
      });
      const { authorization_url } = (await connect.json()) as { authorization_url: string };
      const page = await fetch(await approveConsent(authorization_url));
      if (page.status !== 200) throw new Error(`connecting ${customer.customer_id} failed (${page.status})`);
    }

    options.progress(`${options.mcpCalls} MCP calls (check_availability, concurrency 16) to the built calendar server`);
    for (let i = 0; i < 16; i++) {
      const client = new Client({ name: 'bench-load', version: '1.0.0' });
      await client.connect(
        new StreamableHTTPClientTransport(new URL(`${serverUrl}/mcp`), {
          requestInit: { headers: { authorization: `Bearer ${mcpKey}`, 'x-customer-id': `load-${i % options.customers}` } },
        }),
      );
      clients.push(client);
    }
    let next = 0;
    await Promise.all(
      clients.map(async (client) => {
        while (next < options.mcpCalls) {
          const n = next++;
          const start = new Date(Date.UTC(2032, 0, 5) + n * 3_600_000);
          const result = await client.callTool({ name: 'check_availability', arguments: { start: start.toISOString(), end: new Date(start.getTime() + 3_600_000).toISOString() } });
          if (result.isError) throw new Error(`MCP call ${n} failed: ${JSON.stringify(result.content)}`);
        }
      }),
    );

    options.progress(`${options.chatTurns} chat turns through the built assistant`);
    for (let i = 0; i < options.chatTurns; i++) {
      const text = i % 2 === 0 ? `¿Tienes hueco el ${['lunes', 'martes', 'miércoles', 'jueves', 'viernes'][i % 5]} a las ${10 + (i % 6)}?` : 'no, gracias';
      const res = await fetch(`${assistantUrl}/api/admin/chat`, { method: 'POST', headers: admin, body: JSON.stringify({ customer_id: `load-${i % options.customers}`, text }) });
      if (res.status !== 200) throw new Error(`chat turn ${i}: ${res.status} ${await res.text()}`);
    }
    await new Promise((r) => setTimeout(r, 1000));
    const services = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, { rss_mb_idle: idle[name] ?? Number.NaN, rss_mb_loaded: rssMb(pid) }]));
    return { startReadySeconds, services, mcpCalls: options.mcpCalls, chatTurns: options.chatTurns };
  } finally {
    await Promise.all(clients.map((c) => c.close()));
    if (system.exitCode === null) {
      const exited = new Promise((r) => system.once('exit', r));
      system.kill('SIGINT');
      await exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

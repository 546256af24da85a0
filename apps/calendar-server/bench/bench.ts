/**
 * `npm run bench` (on the built code: `npm run build` first): measures the whole built system as
 * `npm start` runs it (time to ready, each service's RSS idle and loaded), then starts the Google
 * stand-in, the calendar server and a floor server (bare MCP SDK + the same single Google call), all
 * built, as separate processes on 127.0.0.1, drives them side by side through the official MCP client,
 * and prints a table and one JSON line. Then the same against two calendar-server replicas on PostgreSQL
 * behind nginx (deploy/'s template): `pg_overhead_ratio`, `pg_google_requests_per_booking`. Report ratios,
 * not absolute times: this machine is shared and small.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@agendo/free-port';
import { approveConsent } from '@agendo/google-emulator';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CodeChallengeMethod, OAuth2Client } from 'google-auth-library';
import { measureBuiltSystem } from './built-system.js';
import { startPostgresReplicas } from './postgres-replicas.js';
import { rssMb } from './process-memory.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../../..');
const CLIENT_ID = 'agendo-bench.apps.googleusercontent.com';
const CLIENT_SECRET = 'agendo-bench-secret';
const API_KEY = randomBytes(24).toString('base64url');
const CUSTOMERS = 16;
const CONCURRENCY = [1, 16, 64];
const CALLS: Record<number, number> = { 1: 150, 16: 640, 64: 1280 };
const CALENDAR_SCOPES = [
  'openid',
  'email',
  'https://www.googleapis.com/auth/calendar.events.owned',
  'https://www.googleapis.com/auth/calendar.events.freebusy',
  'https://www.googleapis.com/auth/calendar.calendars.readonly',
];

const children: ChildProcess[] = [];
/** Starts a built entry point (`dist/….js`) with plain node. */
function launch(name: string, script: string, cwd: string, env: Record<string, string>): ChildProcess {
  if (!fs.existsSync(path.join(cwd, script))) throw new Error(`${path.join(cwd, script)} is missing: run \`npm run build\` first`);
  const child = spawn(process.execPath, [script], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr!.on('data', (d: Buffer) => process.stderr.write(`[${name}] ${d}`));
  children.push(child);
  return child;
}
async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not come up`);
}
const progress = (line: string) => process.stderr.write(`bench: ${line}\n`);

async function main(): Promise<void> {
  progress('phase 1: the built system as `npm start` runs it');
  const system = await measureBuiltSystem(repo, { mcpCalls: 10_000, chatTurns: 300, customers: 8, progress });

  progress('phase 2: ours against the bare-SDK floor, side by side');
  const [emulatorPort, serverPort, floorPort, plainServerPort, pgPublicPort] = [await freePort(), await freePort(), await freePort(), await freePort(), await freePort()];
  // nginx's public face in the PostgreSQL phase: its /oauth/callback must be registered at the stand-in.
  const pgPublicUrl = `http://127.0.0.1:${pgPublicPort}`;
  const emulatorUrl = `http://127.0.0.1:${emulatorPort}`;
  const serverUrl = `http://127.0.0.1:${serverPort}`;
  // A second calendar server without PUBLIC_BASE_URL (no push channels), for google_requests_per_booking_no_channel.
  const plainServerUrl = `http://127.0.0.1:${plainServerPort}`;
  const redirectUri = `${serverUrl}/oauth/callback`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'agendo-bench-'));
  const plainDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'agendo-bench-plain-'));
  const google = { GOOGLE_OAUTH_CLIENT_ID: CLIENT_ID, GOOGLE_OAUTH_CLIENT_SECRET: CLIENT_SECRET, GOOGLE_OAUTH_REDIRECT_URI: redirectUri };

  progress('starting the stand-in and the calendar servers (one with push channels, one without)');
  launch('emulator', 'dist/main.js', path.join(repo, 'apps/google-emulator'), {
    ...google,
    GOOGLE_OAUTH_REDIRECT_URI: `${redirectUri},${plainServerUrl}/oauth/callback,${pgPublicUrl}/oauth/callback`,
    EMULATOR_PORT: String(emulatorPort),
    EMULATOR_HOST: '127.0.0.1',
  });
  await waitFor(`${emulatorUrl}/__emulator/state`);
  const launchServer = (name: string, port: number, url: string, dir: string, extra: Record<string, string>) =>
    launch(name, 'dist/main.js', path.join(repo, 'apps/calendar-server'), {
      ...google,
      GOOGLE_OAUTH_REDIRECT_URI: `${url}/oauth/callback`,
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dir,
      MCP_API_KEY: API_KEY,
      GOOGLE_OAUTH_BASE_URL: emulatorUrl,
      TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'warn',
      ...extra,
    });
  // The measured server: Google's push notifications reach it at its own address.
  const server = launchServer('server', serverPort, serverUrl, dataDir, { PUBLIC_BASE_URL: serverUrl });
  launchServer('server-no-channel', plainServerPort, plainServerUrl, plainDataDir, {});
  await waitFor(`${serverUrl}/healthz`);
  await waitFor(`${plainServerUrl}/healthz`);

  progress(`connecting ${CUSTOMERS} customers through OAuth (ours) and ${CUSTOMERS} accounts for the floor`);
  const floorTokens: Record<string, string> = {};
  const oauth = new OAuth2Client({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUri,
    endpoints: { oauth2AuthBaseUrl: `${emulatorUrl}/o/oauth2/v2/auth`, oauth2TokenUrl: `${emulatorUrl}/token` },
  });
  const connectCustomer = async (base: string, i: number) => {
    const res = await fetch(`${base}/oauth/authorize`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ customer_id: `bench-${i}`, email: `bench${i}@ejemplo.com` }),
    });
    const { authorization_url } = (await res.json()) as { authorization_url: string };
    const page = await fetch(await approveConsent(authorization_url));
    if (page.status !== 200) throw new Error(`connecting bench-${i} to ${base} failed (${page.status})`);
  };
  for (let i = 0; i < CUSTOMERS; i++) {
    await connectCustomer(serverUrl, i);
    await connectCustomer(plainServerUrl, i);

    const { codeVerifier, codeChallenge } = await oauth.generateCodeVerifierAsync();
    const url = oauth.generateAuthUrl({
      access_type: 'offline',
      scope: CALENDAR_SCOPES,
      state: `floor-${i}`,
      login_hint: `floor${i}@ejemplo.com`,
      code_challenge: codeChallenge,
      code_challenge_method: CodeChallengeMethod.S256,
    });
    const code = new URL(await approveConsent(url)).searchParams.get('code') ?? '';
    floorTokens[`bench-${i}`] = (await oauth.getToken({ code, codeVerifier })).tokens.access_token ?? '';
  }
  const floor = launch('floor', 'dist-bench/floor-server.js', path.join(repo, 'apps/calendar-server'), {
    FLOOR_PORT: String(floorPort),
    FLOOR_GOOGLE_URL: emulatorUrl,
    FLOOR_TOKENS: JSON.stringify(floorTokens),
  });
  await waitFor(`http://127.0.0.1:${floorPort}/`);

  const clientsFor = async (base: string, n: number): Promise<Client[]> =>
    Promise.all(
      Array.from({ length: n }, async (_, i) => {
        const client = new Client({ name: 'bench', version: '1.0.0' });
        await client.connect(
          new StreamableHTTPClientTransport(new URL(`${base}/mcp`), {
            requestInit: { headers: { authorization: `Bearer ${API_KEY}`, 'x-customer-id': `bench-${i % CUSTOMERS}` } },
          }),
        );
        return client;
      }),
    );
  const ours = await clientsFor(serverUrl, Math.max(...CONCURRENCY));
  const floors = await clientsFor(`http://127.0.0.1:${floorPort}`, Math.max(...CONCURRENCY));

  // Every call gets its own hour so nothing is served from a cache and no booking collides.
  // Bookings from two days ahead (they must be in the future and within BOOKING_HORIZON_DAYS, 365; the
  // bench books about 100 days of hours); checks alone walk back into the past, where they are allowed.
  const firstHour = Math.ceil(Date.now() / 86_400_000 + 2) * 86_400_000;
  let slot = 0;
  let pastSlot = 0;
  const nextSlot = () => {
    const start = new Date(firstHour + slot++ * 3_600_000);
    return { start: start.toISOString(), end: new Date(start.getTime() + 3_600_000).toISOString() };
  };
  const nextCheckSlot = () => {
    const start = new Date(firstHour - 3 * 86_400_000 - ++pastSlot * 3_600_000);
    return { start: start.toISOString(), end: new Date(start.getTime() + 3_600_000).toISOString() };
  };
  const argsFor = (tool: string, label: string) => {
    if (tool === 'check_availability') return nextCheckSlot();
    return { ...nextSlot(), title: 'Bench', idempotency_key: `bench-${label}-${slot}` };
  };

  async function run(clients: Client[], tool: string, concurrency: number, calls: number, label: string) {
    const latencies: number[] = [];
    let next = 0;
    let failures = 0;
    const started = performance.now();
    await Promise.all(
      clients.slice(0, concurrency).map(async (client) => {
        while (next < calls) {
          next += 1;
          const t0 = performance.now();
          const result = await client.callTool({ name: tool, arguments: argsFor(tool, label) });
          latencies.push(performance.now() - t0);
          if (result.isError) failures += 1;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((x, y) => x - y);
    const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
    if (failures > 0) throw new Error(`${label} ${tool} c=${concurrency}: ${failures} failed calls`);
    return { callsPerSecond: calls / seconds, p50: pct(0.5), p99: pct(0.99) };
  }

  const rows: { tool: string; concurrency: number; ours: Awaited<ReturnType<typeof run>>; floor: Awaited<ReturnType<typeof run>>; ratio: number }[] = [];
  for (const tool of ['check_availability', 'create_booking']) {
    for (const concurrency of CONCURRENCY) {
      const calls = CALLS[concurrency] ?? 200;
      progress(`${tool} at concurrency ${concurrency}: ${calls} calls each, ours and floor side by side`);
      await run(ours, tool, concurrency, Math.min(64, calls), 'warm-ours');
      await run(floors, tool, concurrency, Math.min(64, calls), 'warm-floor');
      const floorResult = await run(floors, tool, concurrency, calls, 'floor');
      const oursResult = await run(ours, tool, concurrency, calls, 'ours');
      rows.push({ tool, concurrency, ours: oursResult, floor: floorResult, ratio: oursResult.callsPerSecond / floorResult.callsPerSecond });
    }
  }

  const counts = async () => ((await (await fetch(`${emulatorUrl}/__emulator/requests`)).json()) as { counts: Record<string, number> }).counts;
  // Calendar API requests made for bookings (channel upkeep, events.watch and channels.stop, aside).
  const calendarRequests = (c: Record<string, number>) =>
    Object.entries(c)
      .filter(([k]) => k.startsWith('calendar.') && !k.startsWith('calendar.events.watch') && !k.startsWith('calendar.channels.'))
      .reduce((n, [, v]) => n + v, 0);
  progress('waiting for the push channels of the measured server');
  for (let i = 0; ; i++) {
    const { channels } = (await (await fetch(`${emulatorUrl}/__emulator/channels`)).json()) as { channels: { calendar: string; address: string; delivered: number }[] };
    const live = new Set(channels.filter((c) => c.address.startsWith(serverUrl) && c.delivered >= 1).map((c) => c.calendar));
    if (Array.from({ length: CUSTOMERS }, (_, n) => `bench${n}@ejemplo.com`).every((email) => live.has(email))) break;
    if (i > 200) throw new Error('the calendar server opened no live push channel for every customer (is PUBLIC_BASE_URL reachable?)');
    await new Promise((r) => setTimeout(r, 50));
  }
  /**
   * check_availability, then create_booking once the customer has said "sí" (a human pause longer than
   * the 5 s a cached answer serves the re-check without a channel); every customer in parallel.
   */
  const PAUSE_MS = 5_500;
  const ROUNDS = 2;
  async function requestsPerBooking(clients: Client[], label: string): Promise<number> {
    const before = calendarRequests(await counts());
    await Promise.all(
      clients.slice(0, CUSTOMERS).map(async (client, c) => {
        for (let round = 0; round < ROUNDS; round++) {
          const s = nextSlot();
          const check = await client.callTool({ name: 'check_availability', arguments: s });
          await new Promise((r) => setTimeout(r, PAUSE_MS));
          const create = await client.callTool({ name: 'create_booking', arguments: { ...s, title: 'Per booking', idempotency_key: `per-booking-${label}-${c}-${round}` } });
          if (check.isError || create.isError) throw new Error(`booking flow failed (${label})`);
          // The next conversation starts later than Google's notification of this booking arrives (it
          // invalidates the cache, as any change must): without this pause a check made in the few ms
          // before that notification would be thrown away by it, which no real conversation is fast enough to meet.
          await new Promise((r) => setTimeout(r, 500));
        }
      }),
    );
    return (calendarRequests(await counts()) - before) / (CUSTOMERS * ROUNDS);
  }
  progress(`Google requests per booking with a push channel (check, ${PAUSE_MS / 1000} s pause, create; ${CUSTOMERS * ROUNDS} bookings)`);
  const googleRequestsPerBooking = await requestsPerBooking(ours, 'channel');
  progress('Google requests per booking without a push channel (the same flow on the server without PUBLIC_BASE_URL)');
  const plainClients = await clientsFor(plainServerUrl, CUSTOMERS);
  const googleRequestsPerBookingNoChannel = await requestsPerBooking(plainClients, 'no-channel');

  progress('refresh storm: 200 concurrent calls for one customer whose access token just expired');
  await fetch(`${emulatorUrl}/__emulator/tokens/expire`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'bench0@ejemplo.com' }),
  });
  const refreshesBefore = (await counts())['token.refresh_token'] ?? 0;
  const storm = await Promise.all(Array.from({ length: 200 }, () => ours[0]!.callTool({ name: 'check_availability', arguments: nextCheckSlot() })));
  if (storm.some((r) => r.isError)) throw new Error('storm calls failed');
  const refreshesInStorm = ((await counts())['token.refresh_token'] ?? 0) - refreshesBefore;

  progress('phase 3: two calendar-server replicas on PostgreSQL behind nginx, against the same floor');
  const pg = await startPostgresReplicas({
    repo,
    emulatorUrl,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    apiKey: API_KEY,
    tokenEncryptionKey: randomBytes(32).toString('base64'),
    publicPort: pgPublicPort,
    progress,
  });
  let pgFigures:
    | {
        overheadRatio: number;
        check16: { ours: Awaited<ReturnType<typeof run>>; floor: Awaited<ReturnType<typeof run>> };
        requestsPerBooking: number;
        refreshesInStorm: number;
        liveChannels: number;
        rssMb: number[];
      }
    | undefined;
  const pgClients: Client[] = [];
  try {
    if (pg) {
      progress(`connecting the ${CUSTOMERS} customers again, through nginx (the callback lands on either replica)`);
      for (let i = 0; i < CUSTOMERS; i++) await connectCustomer(pg.internalUrl, i);
      pgClients.push(...(await clientsFor(pg.internalUrl, CUSTOMERS)));
      progress('check_availability at concurrency 16 through nginx (two replicas, PostgreSQL) and the floor, side by side');
      await run(pgClients, 'check_availability', 16, 64, 'warm-pg');
      await run(floors, 'check_availability', 16, 64, 'warm-floor');
      const floor16 = await run(floors, 'check_availability', 16, CALLS[16] ?? 640, 'floor');
      const ours16 = await run(pgClients, 'check_availability', 16, CALLS[16] ?? 640, 'pg');
      progress('waiting for the push channels of the replicas (Google posts to nginx, either replica answers)');
      let liveChannels = 0;
      for (let i = 0; i <= 200; i++) {
        const { channels } = (await (await fetch(`${emulatorUrl}/__emulator/channels`)).json()) as { channels: { calendar: string; address: string; delivered: number }[] };
        liveChannels = new Set(channels.filter((c) => c.address.startsWith(pgPublicUrl) && c.delivered >= 1).map((c) => c.calendar)).size;
        if (liveChannels >= CUSTOMERS) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      if (liveChannels < CUSTOMERS) progress(`only ${liveChannels} of ${CUSTOMERS} calendars have a push channel that got its sync through nginx; measuring anyway`);
      progress(`Google requests per booking through nginx with push channels (${CUSTOMERS * ROUNDS} bookings)`);
      const pgRequestsPerBooking = await requestsPerBooking(pgClients, 'pg-channel');
      progress('refresh storm through nginx: 200 calls over both replicas for one customer whose access token just expired');
      await fetch(`${emulatorUrl}/__emulator/tokens/expire`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'bench1@ejemplo.com' }),
      });
      const pgRefreshesBefore = (await counts())['token.refresh_token'] ?? 0;
      const pgStorm = await Promise.all(Array.from({ length: 200 }, () => pgClients[1]!.callTool({ name: 'check_availability', arguments: nextCheckSlot() })));
      if (pgStorm.some((r) => r.isError)) throw new Error('PostgreSQL storm calls failed');
      const pgRefreshesInStorm = ((await counts())['token.refresh_token'] ?? 0) - pgRefreshesBefore;
      pgFigures = {
        overheadRatio: floor16.callsPerSecond / ours16.callsPerSecond,
        check16: { ours: ours16, floor: floor16 },
        requestsPerBooking: pgRequestsPerBooking,
        refreshesInStorm: pgRefreshesInStorm,
        liveChannels,
        rssMb: pg.pids.map((pid) => rssMb(pid)),
      };
    }
  } finally {
    await Promise.all(pgClients.map((c) => c.close()));
    await pg?.stop();
  }

  const serverRss = rssMb(server.pid);
  const floorRss = rssMb(floor.pid);

  const f = (n: number, d = 1) => n.toFixed(d).padStart(8);
  const lines = [
    '',
    'tool                 conc   ours/s  floor/s   ratio  ours p50  ours p99  floor p50  floor p99   (ms)',
    ...rows.map(
      (r) =>
        `${r.tool.padEnd(20)} ${String(r.concurrency).padStart(4)} ${f(r.ours.callsPerSecond)} ${f(r.floor.callsPerSecond)} ${f(r.ratio, 2)} ${f(r.ours.p50, 2)}  ${f(r.ours.p99, 2)}  ${f(r.floor.p50, 2)}   ${f(r.floor.p99, 2)}`,
    ),
    '',
    `Google requests per booking (check, pause, create): ${googleRequestsPerBooking.toFixed(2)} with a push channel, ${googleRequestsPerBookingNoChannel.toFixed(2)} without`,
    `token refreshes during a 200-call storm:       ${refreshesInStorm}`,
    `RSS: calendar server ${serverRss} MB, floor ${floorRss} MB (server logs at LOG_LEVEL=warn)`,
    '',
    ...(pgFigures
      ? [
          'two calendar-server replicas on PostgreSQL behind nginx:',
          `  check_availability c=16: ${pgFigures.check16.ours.callsPerSecond.toFixed(1)} calls/s (floor ${pgFigures.check16.floor.callsPerSecond.toFixed(1)}), p50 ${pgFigures.check16.ours.p50.toFixed(2)} ms, p99 ${pgFigures.check16.ours.p99.toFixed(2)} ms; pg_overhead_ratio ${pgFigures.overheadRatio.toFixed(2)}`,
          `  Google requests per booking with push channels: ${pgFigures.requestsPerBooking.toFixed(2)} (${pgFigures.liveChannels}/${CUSTOMERS} channels synced through nginx)`,
          `  token refreshes during a 200-call storm over both replicas: ${pgFigures.refreshesInStorm}`,
          `  RSS of the replicas: ${pgFigures.rssMb.join(' MB, ')} MB`,
        ]
      : ['PostgreSQL figures: skipped (nginx or PostgreSQL not installed)']),
    '',
    `npm start (built, demo mode) ready in ${system.startReadySeconds.toFixed(1)} s`,
    'service            RSS idle  RSS loaded (MB)',
    ...Object.entries(system.services).map(([name, m]) => `${name.padEnd(18)} ${f(m.rss_mb_idle)}  ${f(m.rss_mb_loaded)}`),
    `(loaded: after ${system.mcpCalls} MCP calls to the calendar server and ${system.chatTurns} chat turns through the assistant)`,
    '',
  ];
  process.stdout.write(lines.join('\n'));
  const c16 = rows.find((r) => r.tool === 'check_availability' && r.concurrency === 16)!;
  const json = {
    overhead_ratio: Number((c16.floor.callsPerSecond / c16.ours.callsPerSecond).toFixed(3)),
    google_requests_per_booking: Number(googleRequestsPerBooking.toFixed(3)),
    google_requests_per_booking_no_channel: Number(googleRequestsPerBookingNoChannel.toFixed(3)),
    pg_overhead_ratio: pgFigures ? Number(pgFigures.overheadRatio.toFixed(3)) : null,
    pg_google_requests_per_booking: pgFigures ? Number(pgFigures.requestsPerBooking.toFixed(3)) : null,
    pg_refreshes_in_storm: pgFigures ? pgFigures.refreshesInStorm : null,
    pg_check_availability_c16_calls_per_s: pgFigures ? Number(pgFigures.check16.ours.callsPerSecond.toFixed(1)) : null,
    pg_rss_mb: pgFigures ? pgFigures.rssMb : null,
    refreshes_in_storm: refreshesInStorm,
    rss_mb: serverRss,
    floor_rss_mb: floorRss,
    start_ready_s: Number(system.startReadySeconds.toFixed(2)),
    services: system.services,
    rss_mb_idle: Math.max(...Object.values(system.services).map((m) => m.rss_mb_idle)),
    rss_mb_loaded: Math.max(...Object.values(system.services).map((m) => m.rss_mb_loaded)),
    runs: rows.map((r) => ({
      tool: r.tool,
      concurrency: r.concurrency,
      ours_calls_per_s: Number(r.ours.callsPerSecond.toFixed(1)),
      ours_p50_ms: Number(r.ours.p50.toFixed(2)),
      ours_p99_ms: Number(r.ours.p99.toFixed(2)),
      floor_calls_per_s: Number(r.floor.callsPerSecond.toFixed(1)),
      floor_p50_ms: Number(r.floor.p50.toFixed(2)),
      floor_p99_ms: Number(r.floor.p99.toFixed(2)),
      ours_over_floor: Number(r.ratio.toFixed(3)),
    })),
  };
  process.stdout.write(`${JSON.stringify(json)}\n`);
  await Promise.all([...ours, ...floors, ...plainClients].map((c) => c.close()));
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(plainDataDir, { recursive: true, force: true });
}

try {
  await main();
} finally {
  for (const child of children) child.kill('SIGTERM');
}

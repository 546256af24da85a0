import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabase, type PostgresTestCluster, startPostgresCluster } from '@agendo/database/test-cluster';
import { freePort } from '@agendo/free-port';
import { type RunningEmulator, startEmulator } from '@agendo/google-emulator';
import { GraphApiStandIn } from '../../apps/assistant/test/whatsapp/graph-api-stand-in.js';
import { type NginxFront, startNginxFront } from '../../apps/calendar-server/bench/nginx-front.js';
import { ServiceProcess } from '../faults/service-process.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The secrets every replica of a deployment shares, as deploy/README.md says. */
export interface SharedSecrets {
  readonly mcpApiKey: string;
  readonly adminToken: string;
  readonly adminPassword: string;
  readonly tokenEncryptionKey: string;
  readonly whatsapp: { readonly verifyToken: string; readonly appSecret: string; readonly accessToken: string; readonly phoneNumberId: string };
}

/** Two replicas of a service: the processes and their direct addresses (nginx balances over them). */
export interface ReplicaPair {
  readonly processes: readonly [ServiceProcess, ServiceProcess];
  readonly urls: readonly [string, string];
}

/**
 * The system as deploy/ runs it: PostgreSQL (one database, both services' schemas), two built replicas
 * each of the calendar server, the assistant and the admin, nginx in front from deploy/'s template, and
 * Google and Meta as stand-ins.
 */
export interface ReplicatedSystem {
  readonly secrets: SharedSecrets;
  readonly databaseUrl: string;
  readonly emulator: RunningEmulator;
  readonly graph: GraphApiStandIn;
  readonly nginx: NginxFront;
  readonly calendar: ReplicaPair;
  readonly assistant: ReplicaPair;
  readonly admin: ReplicaPair;
  /** Everything the processes printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

export const GOOGLE_CLIENT = { clientId: 'agendo-replicas.apps.googleusercontent.com', clientSecret: 'agendo-replicas-secret' };

const BUILT_ENTRIES = ['apps/calendar-server/dist/main.js', 'apps/assistant/dist/main.js', 'apps/admin/dist/server.js', 'apps/admin/dist/public/index.html'];

/** The built files the replicas run that are missing (empty when `npm run build` has run). */
export function missingBuild(): string[] {
  return BUILT_ENTRIES.filter((entry) => !fs.existsSync(path.join(repo, entry)));
}

/**
 * Starts the replicated system. PostgreSQL: a fresh database in the test run's cluster
 * (`AGENDO_TEST_POSTGRES_URL`, from Vitest's global setup) or, without one, a cluster of its own.
 */
export async function startReplicatedSystem(): Promise<ReplicatedSystem> {
  const missing = missingBuild();
  if (missing.length > 0) throw new Error(`the replica test runs the built services, and ${missing.join(', ')} is missing: run \`npm run build\` (npm test builds first)`);
  const stops: (() => Promise<unknown>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };
  try {
    let adminUrl = process.env.AGENDO_TEST_POSTGRES_URL;
    if (!adminUrl) {
      let reason = '';
      const cluster: PostgresTestCluster | undefined = await startPostgresCluster({ onUnavailable: (r) => (reason = r) });
      if (!cluster) throw new Error(`cannot start PostgreSQL: ${reason}`);
      stops.push(() => cluster.stop());
      adminUrl = cluster.adminUrl;
    }
    const databaseUrl = await createDatabase(adminUrl, 'agendo_replicas');

    const secrets: SharedSecrets = {
      mcpApiKey: randomBytes(24).toString('base64url'),
      adminToken: randomBytes(24).toString('base64url'),
      adminPassword: 'clave-de-replicas-123',
      tokenEncryptionKey: randomBytes(32).toString('base64'),
      whatsapp: { verifyToken: 'verify-replicas', appSecret: 'app-secret-replicas', accessToken: 'graph-token-replicas', phoneNumberId: '106540352242777' },
    };
    const ports = {
      public: await freePort(),
      internal: await freePort(),
      calendar: [await freePort(), await freePort()] as const,
      assistant: [await freePort(), await freePort()] as const,
      admin: [await freePort(), await freePort()] as const,
    };
    const publicUrl = `http://127.0.0.1:${ports.public}`;
    const internalUrl = `http://127.0.0.1:${ports.internal}`;
    const redirectUri = `${publicUrl}/oauth/callback`;

    const emulator = await startEmulator({ port: 0, clients: [{ ...GOOGLE_CLIENT, redirectUris: [redirectUri] }] });
    stops.push(() => emulator.close());
    const graph = await GraphApiStandIn.start({ accessToken: secrets.whatsapp.accessToken, phoneNumberIds: [secrets.whatsapp.phoneNumberId] });
    stops.push(() => graph.close());
    const nginx = await startNginxFront({
      repo,
      publicPort: ports.public,
      internalPort: ports.internal,
      calendarServers: ports.calendar.map((p) => `127.0.0.1:${p}`),
      assistants: ports.assistant.map((p) => `127.0.0.1:${p}`),
      admins: ports.admin.map((p) => `127.0.0.1:${p}`),
    });
    stops.push(() => nginx.stop());

    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'agendo-replicas-'));
    stops.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
    const pair = (make: (i: 0 | 1) => ServiceProcess, urls: readonly [string, string]): ReplicaPair => ({ processes: [make(0), make(1)], urls });
    const url = (port: number) => `http://127.0.0.1:${port}`;
    const calendar = pair(
      (i) =>
        new ServiceProcess(
          `calendar-server-${i + 1}`,
          'apps/calendar-server/dist/main.js',
          {
            HOST: '127.0.0.1',
            PORT: String(ports.calendar[i]),
            DATA_DIR: path.join(dataDir, `calendar-${i + 1}`),
            DATABASE_URL: databaseUrl,
            MCP_API_KEY: secrets.mcpApiKey,
            TOKEN_ENCRYPTION_KEY: secrets.tokenEncryptionKey,
            GOOGLE_OAUTH_CLIENT_ID: GOOGLE_CLIENT.clientId,
            GOOGLE_OAUTH_CLIENT_SECRET: GOOGLE_CLIENT.clientSecret,
            GOOGLE_OAUTH_REDIRECT_URI: redirectUri,
            GOOGLE_OAUTH_BASE_URL: emulator.url,
            PUBLIC_BASE_URL: publicUrl,
            ADMIN_ORIGIN: publicUrl,
            GOOGLE_REQUEST_TIMEOUT_MS: '3000',
            TOOL_DEADLINE_MS: '10000',
            LOG_LEVEL: 'warn',
          },
          `${url(ports.calendar[i])}/healthz`,
          { built: true },
        ),
      [url(ports.calendar[0]), url(ports.calendar[1])],
    );
    const assistant = pair(
      (i) =>
        new ServiceProcess(
          `assistant-${i + 1}`,
          'apps/assistant/dist/main.js',
          {
            HOST: '127.0.0.1',
            ASSISTANT_PORT: String(ports.assistant[i]),
            DATA_DIR: path.join(dataDir, `assistant-${i + 1}`),
            DATABASE_URL: databaseUrl,
            ADMIN_PASSWORD: secrets.adminPassword,
            ADMIN_TOKEN: secrets.adminToken,
            MCP_SERVER_URL: internalUrl,
            MCP_API_KEY: secrets.mcpApiKey,
            TRUST_PROXY: '127.0.0.1',
            DEFAULT_TIME_ZONE: 'America/Mexico_City',
            LOG_LEVEL: 'warn',
            WHATSAPP_VERIFY_TOKEN: secrets.whatsapp.verifyToken,
            WHATSAPP_APP_SECRET: secrets.whatsapp.appSecret,
            WHATSAPP_ACCESS_TOKEN: secrets.whatsapp.accessToken,
            WHATSAPP_PHONE_NUMBER_ID: secrets.whatsapp.phoneNumberId,
            WHATSAPP_API_BASE_URL: graph.baseUrl,
          },
          `${url(ports.assistant[i])}/healthz`,
          { built: true },
        ),
      [url(ports.assistant[0]), url(ports.assistant[1])],
    );
    const admin = pair(
      (i) =>
        new ServiceProcess(
          `admin-${i + 1}`,
          'apps/admin/dist/server.js',
          { ADMIN_HOST: '127.0.0.1', ADMIN_PORT: String(ports.admin[i]), ASSISTANT_URL: internalUrl, CALENDAR_ORIGINS: publicUrl, LOG_LEVEL: 'warn' },
          `${url(ports.admin[i])}/healthz`,
          { built: true },
        ),
      [url(ports.admin[0]), url(ports.admin[1])],
    );
    const all = [...calendar.processes, ...assistant.processes, ...admin.processes];
    stops.push(() => Promise.all(all.map((p) => p.stop())));
    // Both replicas of each service start at once: their migrations of the shared schema race, as in a rollout.
    await Promise.all(all.map((p) => p.start()));
    return {
      secrets,
      databaseUrl,
      emulator,
      graph,
      nginx,
      calendar,
      assistant,
      admin,
      output: () => `${all.map((p) => `--- ${p.name} ---\n${p.output.slice(-2500)}`).join('\n')}\n--- nginx error log ---\n${nginx.errorLog().slice(-2500)}`,
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

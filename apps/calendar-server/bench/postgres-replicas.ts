import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findPostgresBinaries, startPostgresCluster } from '@agendo/database/test-cluster';
import { freePort } from '@agendo/free-port';
import { findNginx, type NginxFront, startNginxFront } from './nginx-front.js';

/** Where the bench's PostgreSQL phase reaches its system, and how to end it. */
export interface PostgresReplicas {
  /** nginx's internal face: `/mcp` and `/oauth/*`, balanced over both replicas. */
  readonly internalUrl: string;
  /** nginx's public face: `PUBLIC_BASE_URL` of both replicas (Google's push notifications come here). */
  readonly publicUrl: string;
  readonly pids: readonly number[];
  stop(): Promise<void>;
}

/** What {@link startPostgresReplicas} needs: the stand-in, the OAuth client and the MCP key of the bench. */
export interface PostgresReplicasOptions {
  readonly repo: string;
  readonly emulatorUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly apiKey: string;
  readonly tokenEncryptionKey: string;
  /** nginx's public port, fixed before the stand-in starts (it must accept `<public>/oauth/callback`). */
  readonly publicPort: number;
  readonly progress: (line: string) => void;
}

/**
 * The bench's PostgreSQL phase: a throwaway PostgreSQL cluster, two built calendar-server replicas on
 * it (one `DATABASE_URL`, push channels at nginx's public face) and nginx from deploy/'s template in
 * front — the deployment of "Running several replicas", minus the assistant and the admin (their
 * upstreams point at a closed port and are never used). Undefined, saying why, where nginx or
 * PostgreSQL is not installed.
 */
export async function startPostgresReplicas(options: PostgresReplicasOptions): Promise<PostgresReplicas | undefined> {
  if (!findNginx() || !findPostgresBinaries()) {
    options.progress(`PostgreSQL figures skipped: ${findNginx() ? 'PostgreSQL' : 'nginx'} is not installed`);
    return undefined;
  }
  let reason = '';
  const cluster = await startPostgresCluster({ onUnavailable: (r) => (reason = r) });
  if (!cluster) {
    options.progress(`PostgreSQL figures skipped: ${reason}`);
    return undefined;
  }
  const children: ChildProcess[] = [];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'agendo-bench-pg-'));
  const stopProcesses = async () => {
    await Promise.all(
      children.map(async (child) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }),
    );
  };
  let nginx: NginxFront | undefined;
  try {
    const databaseUrl = await cluster.createDatabase('agendo_bench');
    const internalPort = await freePort();
    const ports = [await freePort(), await freePort()];
    const publicUrl = `http://127.0.0.1:${options.publicPort}`;
    const front = await startNginxFront({
      repo: options.repo,
      publicPort: options.publicPort,
      internalPort,
      calendarServers: ports.map((p) => `127.0.0.1:${p}`),
      assistants: ['127.0.0.1:1'],
      admins: ['127.0.0.1:1'],
    });
    nginx = front;
    const stop = async () => {
      await stopProcesses();
      await front.stop();
      await cluster.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    };
    for (const [i, port] of ports.entries()) {
      const child = spawn(process.execPath, ['apps/calendar-server/dist/main.js'], {
        cwd: options.repo,
        stdio: ['ignore', 'ignore', 'pipe'],
        env: {
          ...process.env,
          HOST: '127.0.0.1',
          PORT: String(port),
          DATA_DIR: path.join(dataDir, `replica-${i + 1}`),
          DATABASE_URL: databaseUrl,
          MCP_API_KEY: options.apiKey,
          TOKEN_ENCRYPTION_KEY: options.tokenEncryptionKey,
          GOOGLE_OAUTH_CLIENT_ID: options.clientId,
          GOOGLE_OAUTH_CLIENT_SECRET: options.clientSecret,
          GOOGLE_OAUTH_REDIRECT_URI: `${publicUrl}/oauth/callback`,
          GOOGLE_OAUTH_BASE_URL: options.emulatorUrl,
          PUBLIC_BASE_URL: publicUrl,
          LOG_LEVEL: 'warn',
        },
      });
      child.stderr?.on('data', (d: Buffer) => process.stderr.write(`[pg-replica-${i + 1}] ${d}`));
      children.push(child);
    }
    for (const port of ports) {
      for (let attempt = 0; ; attempt++) {
        try {
          if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break;
        } catch {
          // not up yet
        }
        if (attempt > 300) throw new Error(`the calendar-server replica on port ${port} (PostgreSQL) did not come up`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    return { internalUrl: front.internalUrl, publicUrl, pids: children.map((c) => c.pid ?? -1), stop };
  } catch (err) {
    await stopProcesses();
    await nginx?.stop();
    await cluster.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
}

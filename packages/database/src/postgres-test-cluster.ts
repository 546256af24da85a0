import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/** A throwaway PostgreSQL server for tests, on a free port of 127.0.0.1. */
export interface PostgresTestCluster {
  /** The URL of the `postgres` database (for administration). */
  readonly adminUrl: string;
  /** Creates an empty database and returns its URL: one per test harness, so tests never see each other's rows. */
  createDatabase(prefix?: string): Promise<string>;
  stop(): Promise<void>;
}

const USER = 'agendo';

/** The newest PostgreSQL server binaries installed (Debian puts them in /usr/lib/postgresql/<version>/bin). */
export function findPostgresBinaries(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (fs.existsSync(root)) {
    const versions = fs
      .readdirSync(root)
      .filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return path.join(root, versions[0], 'bin');
  }
  const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  return which.status === 0 ? path.dirname(which.stdout.trim()) : undefined;
}

/**
 * Its own copy of `@agendo/free-port`'s one function: this file is loaded by Vitest's config and global
 * setup, which resolve workspace packages without the source condition (so only after a build).
 */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts a PostgreSQL cluster in a temp folder with `initdb` and `pg_ctl` — no system service, no
 * Docker. PostgreSQL refuses to run as root, so as root it runs as the `postgres` user Debian's
 * package creates. Resolves to undefined (with the reason on `onUnavailable`) where PostgreSQL is not
 * installed, so callers can say why they skip.
 */
export async function startPostgresCluster(options: { onUnavailable?: (reason: string) => void } = {}): Promise<PostgresTestCluster | undefined> {
  const bin = findPostgresBinaries();
  if (!bin) {
    options.onUnavailable?.('PostgreSQL is not installed (apt-get install -y postgresql)');
    return undefined;
  }
  const asRoot = process.getuid?.() === 0;
  if (asRoot && spawnSync('id', ['-u', 'postgres']).status !== 0) {
    options.onUnavailable?.('running as root and there is no "postgres" user to run PostgreSQL as');
    return undefined;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agendo-pg-'));
  fs.chmodSync(dir, 0o755);
  const data = path.join(dir, 'data');
  const sockets = path.join(dir, 'sockets');
  fs.mkdirSync(sockets);
  const run = (command: string, args: string[]) => {
    const full = path.join(bin, command);
    const result = asRoot ? spawnSync('runuser', ['-u', 'postgres', '--', full, ...args], { encoding: 'utf8' }) : spawnSync(full, args, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${command} failed (${result.status}): ${result.stderr || result.stdout}`);
  };
  if (asRoot) spawnSync('chown', ['-R', 'postgres:postgres', dir]);
  const port = await freePort();
  run('initdb', ['-D', data, '-U', USER, '--auth=trust', '-E', 'UTF8', '--no-sync', '--locale=C']);
  const settings = [
    '-c listen_addresses=127.0.0.1',
    `-p ${port}`,
    `-k ${sockets}`,
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=500',
  ];
  run('pg_ctl', ['-D', data, '-l', path.join(dir, 'postgres.log'), '-o', settings.join(' '), '-w', '-t', '60', 'start']);
  const adminUrl = `postgres://${USER}@127.0.0.1:${port}/postgres`;
  let stopped = false;
  return {
    adminUrl,
    createDatabase: (prefix) => createDatabase(adminUrl, prefix),
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** Creates an empty database (a random name after `prefix`) in the cluster of `adminUrl`; returns its URL. */
export async function createDatabase(adminUrl: string, prefix = 'agendo_test'): Promise<string> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * A fresh empty database in the test run's shared cluster (started by the Vitest global setup, which
 * sets `AGENDO_TEST_POSTGRES_URL`), or undefined when the run has none: the caller skips and says so.
 */
export async function freshTestDatabase(prefix?: string): Promise<string | undefined> {
  const adminUrl = process.env.AGENDO_TEST_POSTGRES_URL;
  return adminUrl ? createDatabase(adminUrl, prefix) : undefined;
}

import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** Where nginx is, or undefined when it is not installed (`apt-get install -y nginx`). */
export function findNginx(): string | undefined {
  if (fs.existsSync('/usr/sbin/nginx')) return '/usr/sbin/nginx';
  const which = spawnSync('sh', ['-c', 'command -v nginx'], { encoding: 'utf8' });
  return which.status === 0 && which.stdout.trim() !== '' ? which.stdout.trim() : undefined;
}

/** The replicas nginx balances, as `host:port`, and the two faces it listens on. */
export interface NginxFrontOptions {
  /** The repository root (where `deploy/` is). */
  readonly repo: string;
  readonly publicPort: number;
  readonly internalPort: number;
  readonly calendarServers: readonly string[];
  readonly assistants: readonly string[];
  readonly admins: readonly string[];
}

/** One line of nginx's access log in deploy/'s `agendo` format: which replica answered what. */
export interface NginxAccessLine {
  readonly request: string;
  readonly status: number;
  /** `host:port` of the replica(s) tried, as nginx logs `$upstream_addr` (`a, b` when it moved on). */
  readonly upstream: string;
}

/** nginx running from deploy/nginx.conf.template in a temp prefix, unprivileged. */
export interface NginxFront {
  /** `http://127.0.0.1:<publicPort>`: the admin's pages, /api, the webhook, the OAuth callback, Google's notifications. */
  readonly publicUrl: string;
  /** `http://127.0.0.1:<internalPort>`: /mcp and the calendar server's /oauth API. */
  readonly internalUrl: string;
  /** The access log so far, parsed. */
  accessLog(): NginxAccessLine[];
  /** What nginx wrote to its error log (for failure messages). */
  errorLog(): string;
  stop(): Promise<void>;
}

async function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Renders the deployment's nginx template with the README's command (`node deploy/render-nginx-conf.mjs
 * <dir>`, the replicas and ports in its environment) and runs nginx from that prefix in the foreground.
 * Shared by the bench's PostgreSQL phase and the replica test, so both exercise the configuration a
 * deployment uses, not a copy of it.
 */
export async function startNginxFront(options: NginxFrontOptions): Promise<NginxFront> {
  const nginx = findNginx();
  if (!nginx) throw new Error('nginx is not installed (apt-get install -y nginx)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agendo-nginx-'));
  // As root, nginx's workers run as `nobody`: they must be able to reach the prefix's temp folders.
  fs.chmodSync(dir, 0o755);
  const render = spawnSync(process.execPath, [path.join(options.repo, 'deploy/render-nginx-conf.mjs'), dir], {
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '',
      NGINX_PUBLIC_LISTEN: `127.0.0.1:${options.publicPort}`,
      NGINX_INTERNAL_LISTEN: `127.0.0.1:${options.internalPort}`,
      NGINX_WORKER_PROCESSES: '1',
      CALENDAR_SERVER_REPLICAS: options.calendarServers.join(','),
      ASSISTANT_REPLICAS: options.assistants.join(','),
      ADMIN_REPLICAS: options.admins.join(','),
    },
  });
  if (render.status !== 0) throw new Error(`rendering deploy/nginx.conf.template failed:\n${render.stderr}`);
  const conf = path.join(dir, 'nginx.conf');
  const errorLogFile = path.join(dir, 'logs', 'error.log');
  let output = '';
  const child: ChildProcess = spawn(nginx, ['-p', dir, '-c', conf, '-e', errorLogFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const errorLog = () => (fs.existsSync(errorLogFile) ? fs.readFileSync(errorLogFile, 'utf8') : '');
  for (let i = 0; !((await listening(options.publicPort)) && (await listening(options.internalPort))); i++) {
    if (child.exitCode !== null || i > 200) throw new Error(`nginx did not start:\n${output}\n${errorLog()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
  const accessLogFile = path.join(dir, 'logs', 'access.log');
  return {
    publicUrl: `http://127.0.0.1:${options.publicPort}`,
    internalUrl: `http://127.0.0.1:${options.internalPort}`,
    accessLog: () =>
      (fs.existsSync(accessLogFile) ? fs.readFileSync(accessLogFile, 'utf8') : '')
        .split('\n')
        .map((line) => /"([^"]*)" (\d{3}) \d+ upstream=(\S+(?:, \S+)*) /.exec(line))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => ({ request: m[1] ?? '', status: Number(m[2]), upstream: m[3] ?? '' })),
    errorLog,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        // SIGTERM: nginx's fast shutdown (in-flight requests are cut; nothing of ours is left running).
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A production install runs with its run-time dependencies alone: the repository is copied (its files
 * as git sees them, and node_modules as hard links, so nothing is downloaded), built, pruned with
 * `npm prune --omit=dev`, and started with `node scripts/start.mjs` (what `npm start` runs). Every
 * service must answer, and no build tool may be left in the tree or running.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@agendo/free-port';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Runs a command in the copy, failing with its output. */
function run(cwd: string, command: string, args: string[]): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  return `${result.stdout}${result.stderr}`;
}

let copy: string;
let dataDir: string;
let system: ChildProcess | undefined;
let output = '';
const ports = { emulator: 0, server: 0, assistant: 0, admin: 0 };
let pruneOutput = '';

beforeAll(async () => {
  copy = fs.mkdtempSync(path.join(os.tmpdir(), 'agendo-prod-'));
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'agendo-prod-data-'));
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
    .split('\0')
    .filter((f) => f !== '' && fs.existsSync(path.join(root, f)));
  for (const file of files) {
    fs.mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
    fs.copyFileSync(path.join(root, file), path.join(copy, file));
  }
  // Hard links: fast and offline; npm replaces files rather than writing into them, and prune only unlinks.
  run(root, 'cp', ['-al', 'node_modules', path.join(copy, 'node_modules')]);
  fs.rmSync(path.join(copy, 'node_modules/.package-lock.json'), { force: true });
  fs.copyFileSync(path.join(root, 'node_modules/.package-lock.json'), path.join(copy, 'node_modules/.package-lock.json'));
  run(copy, process.execPath, ['scripts/build.mjs']);
  pruneOutput = run(copy, 'npm', ['prune', '--omit=dev', '--offline', '--no-audit', '--no-fund']);

  for (const key of Object.keys(ports) as (keyof typeof ports)[]) ports[key] = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    EMULATOR_PORT: String(ports.emulator),
    PORT: String(ports.server),
    ASSISTANT_PORT: String(ports.assistant),
    ADMIN_PORT: String(ports.admin),
    LOG_LEVEL: 'warn',
  };
  for (const name of ['GOOGLE_OAUTH_CLIENT_ID', 'GOOGLE_OAUTH_CLIENT_SECRET', 'MCP_API_KEY', 'ADMIN_PASSWORD', 'ADMIN_TOKEN', 'TOKEN_ENCRYPTION_KEY', 'NODE_OPTIONS'])
    delete env[name];
  system = spawn(process.execPath, ['scripts/start.mjs'], { cwd: copy, env, stdio: ['ignore', 'pipe', 'pipe'] });
  system.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  system.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  for (let i = 0; !output.includes('Agendo is running'); i++) {
    if (system.exitCode !== null || i > 600) throw new Error(`the pruned install did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}, 240_000);

afterAll(async () => {
  if (system && system.exitCode === null) {
    const exited = new Promise((r) => system?.once('exit', r));
    system.kill('SIGINT');
    await exited;
  }
  fs.rmSync(copy, { recursive: true, force: true });
  fs.rmSync(dataDir, { recursive: true, force: true });
}, 30_000);

describe('npm ci && npm run build && npm prune --omit=dev && npm start', () => {
  it('prunes every build tool away', () => {
    expect(pruneOutput).toMatch(/removed \d+ packages?/);
    for (const tool of ['typescript', 'tsx', 'vite', 'esbuild', 'vitest', 'playwright-core']) expect(fs.existsSync(path.join(copy, 'node_modules', tool)), tool).toBe(false);
  });

  it('starts from the build without building again', () => {
    expect(output).not.toContain('building');
    expect(output).toContain('Agendo is running (built');
  });

  it('every service answers from the pruned tree', async () => {
    for (const url of [
      `http://localhost:${ports.emulator}/__emulator/state`,
      `http://localhost:${ports.server}/healthz`,
      `http://localhost:${ports.assistant}/healthz`,
      `http://localhost:${ports.admin}/healthz`,
    ]) {
      expect((await fetch(url)).status, url).toBe(200);
    }
    const page = await fetch(`http://localhost:${ports.admin}/clientes`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(await page.text()).toContain('<div id="root">');
    const key = fs.readFileSync(path.join(dataDir, 'mcp-api-key'), 'utf8').trim();
    const status = await fetch(`http://localhost:${ports.server}/oauth/status/cliente-1`, { headers: { authorization: `Bearer ${key}` } });
    expect(await status.json()).toMatchObject({ status: 'not_connected' });
  });

  it('with the build gone and the build tools pruned, npm start says what to do instead of failing obscurely', () => {
    fs.rmSync(path.join(copy, 'apps/assistant/dist/.build-stamp'));
    const result = spawnSync(process.execPath, ['scripts/start.mjs'], { cwd: copy, encoding: 'utf8', env: { ...process.env, DATA_DIR: dataDir, NODE_OPTIONS: '' } });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('apps/assistant');
    expect(result.stderr).toContain('npm install && npm run build');
  });
});

// `npm run build`: compiles every workspace to JavaScript, in dependency order, so that the services
// run on plain `node` (nothing compiles TypeScript at run time). Each workspace's own `build` script
// says how (tsc emit; `vite build` + tsc for the admin); this file only orders them, prints progress
// and records a stamp per workspace so `npm start` can tell a missing or stale build.
// Plain JavaScript on purpose: it runs before anything is built.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Workspaces in build order: each comes after everything it imports. */
export const BUILD_ORDER = [
  'packages/contracts',
  'packages/free-port',
  'packages/http-shutdown',
  'packages/keyed-queue',
  'packages/local-defaults',
  'packages/private-files',
  'packages/request-log',
  'packages/http-validation',
  'packages/database',
  'apps/google-emulator',
  'apps/calendar-server',
  'apps/assistant',
  'apps/admin',
];

/** Files and folders of a workspace whose change makes its build stale. */
const INPUTS = ['src', 'server', 'bench', 'index.html', 'vite.config.ts', 'package.json', 'tsconfig.json', 'tsconfig.build.json', 'tsconfig.server.json', 'tsconfig.bench.json'];
const STAMP = path.join('dist', '.build-stamp');

/** @param {string} file @returns {number} newest mtime (ms) of a file or of anything below a folder; 0 if absent */
function newestMtime(file) {
  let stat;
  try {
    stat = fs.statSync(file);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(file)) newest = Math.max(newest, newestMtime(path.join(file, entry)));
  return newest;
}

/**
 * The workspaces whose build is missing or older than their sources (or than the shared tsconfig).
 * @returns {string[]}
 */
export function staleWorkspaces() {
  const shared = newestMtime(path.join(root, 'tsconfig.base.json'));
  return BUILD_ORDER.filter((workspace) => {
    const dir = path.join(root, workspace);
    const built = newestMtime(path.join(dir, STAMP));
    if (built === 0) return true;
    return Math.max(shared, ...INPUTS.map((input) => newestMtime(path.join(dir, input)))) > built;
  });
}

/** Whether the build tools (dev dependencies) are installed: after `npm prune --omit=dev` they are not. */
export function buildToolsInstalled() {
  return fs.existsSync(path.join(root, 'node_modules/typescript/package.json')) && fs.existsSync(path.join(root, 'node_modules/vite/package.json'));
}

/**
 * Builds every workspace in order (all of them: a package's change can break its dependents), printing
 * one progress line each. Throws with the failing workspace's name.
 * @param {{ log?: (line: string) => void }} [options]
 */
export function buildAll(options = {}) {
  const log = options.log ?? ((line) => process.stdout.write(`${line}\n`));
  if (!buildToolsInstalled()) {
    throw new Error('build: TypeScript and Vite are not installed (dev dependencies); run `npm install` first.');
  }
  const started = Date.now();
  BUILD_ORDER.forEach((workspace, i) => {
    const t0 = Date.now();
    const dir = path.join(root, workspace);
    // A clean output: files of renamed or deleted sources must not linger in dist/.
    for (const out of ['dist', 'dist-bench']) fs.rmSync(path.join(dir, out), { recursive: true, force: true });
    const run = spawnSync('npm', ['run', '-s', 'build'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
    if (run.status !== 0) {
      const output = `${run.stdout}${run.stderr}`.trimEnd().split('\n');
      const shown = output.length > 60 ? [...output.slice(0, 60), `… (${output.length - 60} more lines: run \`npm run build -w ${workspace}\`)`] : output;
      throw new Error(`build: ${workspace} failed:\n${shown.join('\n')}`);
    }
    fs.mkdirSync(path.join(dir, 'dist'), { recursive: true });
    fs.writeFileSync(path.join(dir, STAMP), `${new Date().toISOString()}\n`);
    log(`build: [${i + 1}/${BUILD_ORDER.length}] ${workspace} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  });
  log(`build: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    // `--if-stale`: build only when some workspace's build is missing or older than its sources.
    if (!process.argv.includes('--if-stale') || staleWorkspaces().length > 0) buildAll();
  } catch (err) {
    process.stderr.write(`${/** @type {Error} */ (err).message}\n`);
    process.exit(1);
  }
}

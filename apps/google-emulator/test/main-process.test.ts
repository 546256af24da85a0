import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { timedEvent } from './calendar-fixtures.js';
import { control, USER_EMAIL } from './fixtures.js';

const MAIN = resolve(dirname(fileURLToPath(import.meta.url)), '../src/main.ts');
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Runs `src/main.ts` as `npm start` would, in `cwd`, under umask 022. */
function runMain(cwd: string, env: Record<string, string>): Run {
  const child = spawn('/bin/sh', ['-c', 'umask 022 && exec "$@"', 'sh', process.execPath, '--conditions=@agendo/source', '--import', TSX, MAIN], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: cwd, EMULATOR_HOST: '127.0.0.1', EMULATOR_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (data: Buffer) => (output += data.toString()));
  child.stderr?.on('data', (data: Buffer) => (output += data.toString()));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return { child, output: () => output, exited };
}

async function listeningUrl(run: Run): Promise<string> {
  for (let attempt = 0; attempt < 400; attempt += 1) {
    const url = /listening on (http:\/\/\S+)/.exec(run.output())?.[1];
    if (url !== undefined) return url;
    if (run.child.exitCode !== null) throw new Error(`main.ts exited early:\n${run.output()}`);
    await new Promise((done) => setTimeout(done, 50));
  }
  throw new Error(`main.ts did not start:\n${run.output()}`);
}

let folder: string;
const runs: Run[] = [];

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'emulator-main-'));
});
afterEach(async () => {
  for (const run of runs.splice(0)) {
    if (run.child.exitCode === null) run.child.kill('SIGKILL');
    await run.exited;
  }
  rmSync(folder, { recursive: true, force: true });
});

function start(cwd: string, env: Record<string, string> = {}): Run {
  const run = runMain(cwd, env);
  runs.push(run);
  return run;
}

describe('main.ts with EMULATOR_STATE_FILE', () => {
  it('saves to a 0600 file in a 0700 folder under umask 022, saves the last change on SIGTERM, and reads it back', async () => {
    const file = join(folder, 'data', 'google-emulator-state.json');
    const first = start(folder, { EMULATOR_STATE_FILE: file });
    const url = await listeningUrl(first);
    expect(first.output()).toContain(`Google emulator state: ${file}`);
    await control(url, 'POST', `/calendars/${USER_EMAIL}/events`, timedEvent('2030-01-15T15:00:00Z', '2030-01-15T16:00:00Z', { id: 'lastchange' }));
    first.child.kill('SIGTERM'); // at once: the write is still waiting for its delay
    expect(await first.exited).toBe(0);

    expect(statSync(join(folder, 'data')).mode & 0o777).toBe(0o700);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(folder, 'data'))).toEqual(['google-emulator-state.json']);
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { calendars: { events: { id: string }[] }[] };
    expect(saved.calendars[0]?.events.map((event) => event.id)).toEqual(['lastchange']);

    const second = start(folder, { EMULATOR_STATE_FILE: file });
    const { items } = await control<{ items: { id: string }[] }>(await listeningUrl(second), 'GET', `/calendars/${USER_EMAIL}/events`);
    expect(items.map((event) => event.id)).toEqual(['lastchange']);
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
  });

  it('refuses a corrupt file with one clear message and no stack trace, leaving the file alone', async () => {
    const file = join(folder, 'data', 'google-emulator-state.json');
    mkdirSync(join(folder, 'data'));
    writeFileSync(file, '{"version":1,"grants":[');
    const run = start(folder, { EMULATOR_STATE_FILE: file });
    expect(await run.exited).toBe(1);
    const output = run.output();
    expect(output).toContain(`google-emulator: The Google stand-in's state file ${file} is corrupt`);
    expect(output).toContain('Delete it to start the Google stand-in empty');
    expect(output).not.toMatch(/^\s+at /m);
    expect(readFileSync(file, 'utf8')).toBe('{"version":1,"grants":[');
  });
});

describe('main.ts without EMULATOR_STATE_FILE', () => {
  it('keeps the state in memory and writes no file', async () => {
    const run = start(folder);
    const url = await listeningUrl(run);
    expect(run.output()).toContain('Google emulator state: in memory');
    await control(url, 'POST', `/calendars/${USER_EMAIL}/events`, timedEvent('2030-01-15T15:00:00Z', '2030-01-15T16:00:00Z'));
    expect((await fetch(`${url}/__emulator/state-file`)).status).toBe(404);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(readdirSync(folder)).toEqual([]);
  });
});

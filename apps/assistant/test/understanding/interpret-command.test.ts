import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const appRoot = path.resolve(import.meta.dirname, '../..');

function runCommand(args: readonly string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}) {
  return spawnSync(process.execPath, ['--conditions=@agendo/source', '--import', 'tsx', 'src/understanding/interpret-command.ts', ...args], {
    cwd: appRoot,
    encoding: 'utf8',
    input: options.input ?? '',
    env: { ...process.env, ...options.env },
  });
}

const GOOD = JSON.stringify({ id: 'a', text: 'mañana a las 3', now: '2026-01-14T10:00:00-06:00', tz: 'America/Mexico_City', expected: {} });

function tempFile(content: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'interpret-')), 'cases.jsonl');
  writeFileSync(file, content);
  return file;
}

describe('interpret command', () => {
  it('prints one line per case with exactly the graded keys, skipping blank lines', () => {
    const result = runCommand(['--jsonl', tempFile(`${GOOD}\n\n${JSON.stringify({ id: 7, text: 'hola', now: '2026-01-14T10:00:00-06:00', tz: 'America/Mexico_City' })}\n`)]);
    expect(result.status).toBe(0);
    expect(
      result.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line)),
    ).toEqual([
      { id: 'a', intent: 'book', date: '2026-01-15', start: '2026-01-15T15:00:00-06:00', end: null, duration_minutes: null },
      { id: 7, intent: 'greeting', date: null, start: null, end: null, duration_minutes: null },
    ]);
  });

  it('reads standard input with "-"', () => {
    const result = runCommand(['--jsonl', '-'], { input: `${GOOD}\n` });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ id: 'a', intent: 'book' });
  });

  it('resolves a relative file against INIT_CWD', () => {
    const file = tempFile(`${GOOD}\n`);
    const result = runCommand(['--jsonl', path.basename(file)], { env: { INIT_CWD: path.dirname(file) } });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ id: 'a' });
  });

  it('rejects malformed lines with their line numbers, exit 1 and nothing on stdout', () => {
    const badZone = JSON.stringify({ id: 'z', text: 'hola', now: '2026-01-14T10:00:00-06:00', tz: 'Mars/Olympus' });
    const noOffset = JSON.stringify({ id: 'n', text: 'hola', now: '2026-01-14T10:00:00', tz: 'America/Mexico_City' });
    const result = runCommand(['--jsonl', tempFile(`${GOOD}\n{"id": "x", "text": \n${badZone}\n${noOffset}\n{"id":"m","now":"2026-01-14T10:00:00-06:00","tz":"UTC"}\n`)]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/line 2: not valid JSON/);
    expect(result.stderr).toMatch(/line 3: unknown time zone/);
    expect(result.stderr).toMatch(/line 4: now is not an RFC 3339/);
    expect(result.stderr).toMatch(/line 5: "text" must be a string/);
  });

  it('exits 1 when the file cannot be read', () => {
    const result = runCommand(['--jsonl', '/nonexistent/cases.jsonl']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/cannot read/);
  });

  it.each([[[]], [['--jsonl']], [['--csv', 'x']], [['--jsonl', 'a', 'b']], [['file.jsonl']]])('prints usage and exits 2 for %j', (args) => {
    const result = runCommand(args);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/usage: npm run -s interpret -- --jsonl FILE/);
    expect(result.stdout).toBe('');
  });
});

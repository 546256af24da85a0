import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatScoreTable, matchesExpected, scoreByCategory } from '../../src/understanding/interpret-scoring.js';

const appRoot = path.resolve(import.meta.dirname, '../..');
const NOW = '2026-01-14T10:00:00-06:00';
const TZ = 'America/Mexico_City';

function runCommand(args: readonly string[], input: string) {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'interpret-score-')), 'cases.jsonl');
  writeFileSync(file, input);
  return spawnSync(process.execPath, ['--conditions=@agendo/source', '--import', 'tsx', 'src/understanding/interpret-command.ts', ...args.map((a) => (a === 'FILE' ? file : a))], {
    cwd: appRoot,
    encoding: 'utf8',
  });
}

const line = (id: string, text: string, expected?: object, category?: string): string =>
  JSON.stringify({ id, text, now: NOW, tz: TZ, ...(category === undefined ? {} : { category }), ...(expected === undefined ? {} : { expected }) });

describe('interpret --score', () => {
  const input = [
    line('a', 'mañana a las 3', { intent: 'book', start: '2026-01-15T15:00:00-06:00' }, 'clock'),
    line('b', 'mañana a las 3', { intent: 'book', start: '2026-01-15T16:00:00-06:00' }, 'clock'),
    line('c', 'cancela mi cita', { intent: 'cancel' }, 'intents'),
    line('d', 'hola', { intent: 'greeting' }),
    line('e', 'sin expectativa'),
  ].join('\n');

  it('prints a per-category table, right cases counted per category, ungraded lines left out', () => {
    const result = runCommand(['--jsonl', 'FILE', '--score'], input);
    expect(result.status, result.stderr).toBe(0);
    const rows = result.stdout
      .trim()
      .split('\n')
      .map((row) => row.trim().split(/\s+/));
    expect(rows[0]).toEqual(['category', 'cases', 'right', 'score']);
    expect(rows.slice(1)).toEqual([
      ['clock', '2', '1', '50.0%'],
      ['intents', '1', '1', '100.0%'],
      ['uncategorized', '1', '1', '100.0%'],
      ['total', '4', '3', '75.0%'],
    ]);
  });

  it('accepts --score before --jsonl, and keeps one JSON line per input without it', () => {
    expect(runCommand(['--score', '--jsonl', 'FILE'], input).stdout).toMatch(/^category/);
    const plain = runCommand(['--jsonl', 'FILE'], input);
    expect(plain.stdout.trim().split('\n')).toHaveLength(5);
    expect(JSON.parse(plain.stdout.split('\n')[0] ?? '')).toMatchObject({ id: 'a', start: '2026-01-15T15:00:00-06:00' });
  });

  it('rejects an "expected" that is not an object', () => {
    const result = runCommand(['--jsonl', 'FILE', '--score'], line('x', 'hola', undefined).replace('}', ',"expected":[1]}'));
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/line 1: "expected" must be an object/);
  });
});

describe('scoring', () => {
  it('grades only the keys a case names', () => {
    expect(matchesExpected({ intent: 'book', date: '2026-01-15', start: null }, { intent: 'book' })).toBe(true);
    expect(matchesExpected({ intent: 'book', date: '2026-01-15' }, { intent: 'book', date: '2026-01-16' })).toBe(false);
    expect(matchesExpected({ intent: 'book', duration_minutes: null }, { duration_minutes: 60 })).toBe(false);
  });

  it('says so when nothing is graded', () => {
    expect(formatScoreTable(scoreByCategory([]))).toMatch(/no graded cases/);
  });
});

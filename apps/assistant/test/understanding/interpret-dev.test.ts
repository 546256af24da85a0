import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '../../../..');
const devFile = path.resolve(repoRoot, '../shared/eval/interpret-dev.jsonl');
const GRADED_KEYS = ['intent', 'date', 'start', 'duration_minutes'] as const;

interface DevCase {
  readonly id: string;
  readonly expected: Partial<Record<(typeof GRADED_KEYS)[number], unknown>>;
}

it('interprets the development set through `npm run -s interpret` with at least 95% fully right', () => {
  const cases: DevCase[] = readFileSync(devFile, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as DevCase);

  const run = spawnSync('npm', ['run', '-s', 'interpret', '--', '--jsonl', devFile], { cwd: repoRoot, encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  const outputs = new Map<string, Record<string, unknown>>();
  for (const line of run.stdout.split('\n').filter((l) => l !== '')) {
    const output = JSON.parse(line) as Record<string, unknown>;
    expect(Object.keys(output)).toEqual(['id', 'intent', 'date', 'start', 'end', 'duration_minutes']);
    outputs.set(String(output.id), output);
  }

  const failures: string[] = [];
  for (const devCase of cases) {
    const output = outputs.get(devCase.id);
    const wrong = GRADED_KEYS.filter((key) => key in devCase.expected && output?.[key] !== devCase.expected[key]);
    if (output === undefined || wrong.length > 0) {
      const diffs = wrong.map((key) => `${key}: expected ${JSON.stringify(devCase.expected[key])}, got ${JSON.stringify(output?.[key])}`);
      failures.push(`${devCase.id}: ${output === undefined ? 'no output' : diffs.join('; ')}`);
    }
  }
  const right = cases.length - failures.length;
  console.log(`interpret-dev: ${right}/${cases.length} (${((100 * right) / cases.length).toFixed(1)}%)`);
  expect(right / cases.length, `failing cases:\n${failures.join('\n')}`).toBeGreaterThanOrEqual(0.95);
});

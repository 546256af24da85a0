import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { interpret } from '../../src/understanding/index.js';
import { formatScoreTable, matchesExpected, scoreByCategory } from '../../src/understanding/interpret-scoring.js';

/** The generated set (`cases/generate-cases.ts`): expectations computed with Luxon from each case's parameters. */
const casesFile = path.join(import.meta.dirname, 'cases', 'own-cases.jsonl');

interface OwnCase {
  readonly id: string;
  readonly category: string;
  readonly text: string;
  readonly now: string;
  readonly tz: string;
  readonly expected: Record<string, unknown>;
}

it('interprets the generated set with at least 97% fully right in every category', () => {
  const cases = readFileSync(casesFile, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as OwnCase);
  expect(cases.length).toBeGreaterThanOrEqual(300);

  const failures: string[] = [];
  const graded = cases.map((c) => {
    const r = interpret(c.text, c.now, c.tz);
    const output = { intent: r.intent, date: r.date, start: r.start, duration_minutes: r.durationMinutes };
    const right = matchesExpected(output, c.expected);
    if (!right) failures.push(`${c.id}: ${c.text} → ${JSON.stringify(output)}, expected ${JSON.stringify(c.expected)}`);
    return { category: c.category, right };
  });
  const scores = scoreByCategory(graded);
  console.log(formatScoreTable(scores));
  expect(scores.length).toBeGreaterThanOrEqual(10);
  for (const score of scores) {
    expect(score.right / score.cases, `${score.category} below 97%:\n${failures.join('\n')}`).toBeGreaterThanOrEqual(0.97);
  }
});

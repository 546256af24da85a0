/** The keys of an interpretation that a case's `expected` may grade. */
export const GRADED_KEYS = ['intent', 'date', 'start', 'duration_minutes'] as const;

/** The category of a case without a `category` field. */
export const UNCATEGORIZED = 'uncategorized';

/** One graded case: its category and whether every key it expects came out right. */
export interface GradedCase {
  readonly category: string;
  readonly right: boolean;
}

/** The score of one category. */
export interface CategoryScore {
  readonly category: string;
  readonly cases: number;
  readonly right: number;
}

/**
 * Whether an interpretation matches a case's `expected`: every graded key the case names must be equal; keys it
 * leaves out are not graded (the shared convention of the evaluation sets).
 */
export function matchesExpected(output: Readonly<Record<string, unknown>>, expected: Readonly<Record<string, unknown>>): boolean {
  return GRADED_KEYS.every((key) => !(key in expected) || output[key] === expected[key]);
}

/** Scores per category, in the order categories first appear, so a table reads like the case file. */
export function scoreByCategory(graded: readonly GradedCase[]): CategoryScore[] {
  const scores = new Map<string, { cases: number; right: number }>();
  for (const { category, right } of graded) {
    const score = scores.get(category) ?? { cases: 0, right: 0 };
    score.cases += 1;
    if (right) score.right += 1;
    scores.set(category, score);
  }
  return [...scores].map(([category, score]) => ({ category, ...score }));
}

function percent(right: number, cases: number): string {
  return `${((100 * right) / cases).toFixed(1)}%`;
}

/** A plain-text table: one row per category and a total row; "no graded cases" when there are none. */
export function formatScoreTable(scores: readonly CategoryScore[]): string {
  if (scores.length === 0) return 'no graded cases (no line has "expected")\n';
  const width = Math.max('category'.length, 'total'.length, ...scores.map((score) => score.category.length));
  const row = (name: string, cases: number | string, right: number | string, score: string): string =>
    `${name.padEnd(width)}  ${String(cases).padStart(5)}  ${String(right).padStart(5)}  ${score.padStart(6)}`;
  const cases = scores.reduce((sum, score) => sum + score.cases, 0);
  const right = scores.reduce((sum, score) => sum + score.right, 0);
  return `${[
    row('category', 'cases', 'right', 'score'),
    ...scores.map((score) => row(score.category, score.cases, score.right, percent(score.right, score.cases))),
    row('total', cases, right, percent(right, cases)),
  ].join('\n')}\n`;
}

/**
 * `npm run -s interpret -- --jsonl FILE [--score]`: interprets one Spanish message per JSONL line
 * (`{id, text, now, tz}`; other keys ignored, blank lines skipped) and prints one JSON line per message:
 * `{"id", "intent", "date", "start", "end", "duration_minutes"}`. With `--score` it prints instead a table of
 * how many cases are fully right per category (the line's `category`, else "uncategorized"), grading the
 * lines that carry `expected` on the keys they name. `FILE` may be `-` for stdin; a relative
 * path is resolved against the directory npm was run from (INIT_CWD). Every line is checked before anything
 * is printed: a malformed line is reported on stderr with its line number and the exit code is 1.
 * Usage errors exit with 2.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { interpret } from './index.js';
import { formatScoreTable, type GradedCase, matchesExpected, scoreByCategory, UNCATEGORIZED } from './interpret-scoring.js';

const USAGE = 'usage: npm run -s interpret -- --jsonl FILE [--score]   (FILE "-" reads standard input; --score prints a per-category table)';

interface Interpreted {
  readonly output: OutputLine;
  /** The case's grading, when it carries `expected`. */
  readonly graded: GradedCase | null;
}

interface OutputLine {
  readonly id: string | number;
  readonly intent: string;
  readonly date: string | null;
  readonly start: string | null;
  readonly end: string | null;
  readonly duration_minutes: number | null;
}

function fileArgument(allArgs: readonly string[]): string | null {
  const args = allArgs.filter((arg) => arg !== '--score');
  if (args.length === 2 && args[0] === '--jsonl' && args[1] !== undefined && args[1] !== '') return args[1];
  if (args.length === 1 && args[0]?.startsWith('--jsonl=') && args[0].length > '--jsonl='.length) return args[0].slice('--jsonl='.length);
  return null;
}

function readInput(file: string): string {
  if (file === '-') return readFileSync(0, 'utf8');
  return readFileSync(path.resolve(process.env.INIT_CWD ?? process.cwd(), file), 'utf8');
}

function interpretLine(line: string): Interpreted | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return `not valid JSON (${(error as Error).message})`;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'expected a JSON object';
  const record = value as Record<string, unknown>;
  const { id, text, now, tz, expected, category } = record;
  if (typeof id !== 'string' && typeof id !== 'number') return '"id" must be a string or a number';
  if (typeof text !== 'string') return '"text" must be a string';
  if (typeof now !== 'string') return '"now" must be an RFC 3339 date-time string';
  if (typeof tz !== 'string') return '"tz" must be an IANA time zone name';
  if (expected !== undefined && (typeof expected !== 'object' || expected === null || Array.isArray(expected))) return '"expected" must be an object';
  if (category !== undefined && (typeof category !== 'string' || category === '')) return '"category" must be a non-empty string';
  try {
    const result = interpret(text, now, tz);
    const output: OutputLine = { id, intent: result.intent, date: result.date, start: result.start, end: result.end, duration_minutes: result.durationMinutes };
    const graded = expected === undefined ? null : { category: category ?? UNCATEGORIZED, right: matchesExpected({ ...output }, expected as Record<string, unknown>) };
    return { output, graded };
  } catch (error) {
    if (error instanceof RangeError) return error.message;
    throw error;
  }
}

function main(args: readonly string[]): number {
  const file = fileArgument(args);
  if (file === null) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  let content: string;
  try {
    content = readInput(file);
  } catch (error) {
    process.stderr.write(`interpret: cannot read ${file}: ${(error as Error).message}\n`);
    return 1;
  }
  const outputs: Interpreted[] = [];
  const errors: string[] = [];
  content
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((line, index) => {
      if (line.trim() === '') return;
      const result = interpretLine(line);
      if (typeof result === 'string') errors.push(`interpret: ${file}: line ${index + 1}: ${result}`);
      else outputs.push(result);
    });
  if (errors.length > 0) {
    process.stderr.write(`${errors.join('\n')}\n`);
    return 1;
  }
  if (args.includes('--score')) {
    process.stdout.write(formatScoreTable(scoreByCategory(outputs.flatMap(({ graded }) => (graded === null ? [] : [graded])))));
    return 0;
  }
  process.stdout.write(outputs.map(({ output }) => `${JSON.stringify(output)}\n`).join(''));
  return 0;
}

process.exitCode = main(process.argv.slice(2));

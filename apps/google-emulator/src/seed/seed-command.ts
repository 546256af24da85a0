/**
 * `npm run -w @agendo/google-emulator seed -- --email cliente@ejemplo.com [--days 14]
 * [--url http://localhost:60080] [--time-zone Europe/Madrid] [--seed 42] [--from YYYY-MM-DD]`:
 * fills a running emulator's calendar with realistic busy events for demos and benchmarks.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_EMULATOR_PORT } from '../options.js';
import { seedCalendar } from './seed-calendar.js';

function integer(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) throw new Error(`--${name} must be a whole number, got "${value}"`);
  return Number(value);
}

try {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      days: { type: 'string' },
      url: { type: 'string' },
      'time-zone': { type: 'string' },
      seed: { type: 'string' },
      from: { type: 'string' },
    },
    strict: true,
  });
  if (values.email === undefined || values.email === '') throw new Error('--email is required');
  const url = values.url ?? `http://localhost:${DEFAULT_EMULATOR_PORT}`;
  const days = integer('days', values.days, 14);
  const seed = integer('seed', values.seed, 42);
  process.stdout.write(`seed: filling ${values.email}'s calendar at ${url} (${days} days, seed ${seed})\n`);
  const { events, skipped } = await seedCalendar(url, {
    email: values.email,
    days,
    seed,
    ...(values['time-zone'] === undefined ? {} : { timeZone: values['time-zone'] }),
    ...(values.from === undefined ? {} : { from: values.from }),
    onProgress: (progress) => process.stdout.write(`seed: ${progress.day}/${progress.days} days (${progress.date}), ${progress.events} events so far\n`),
  });
  process.stdout.write(`seed: done, ${events} events in ${values.email}'s calendar (${events - skipped} inserted, ${skipped} already there).\n`);
} catch (err) {
  process.stderr.write(`seed: failed.\n${(err as Error).message}\n`);
  process.exit(1);
}

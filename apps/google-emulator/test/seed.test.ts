import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { calendar_v3 } from '@googleapis/calendar';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { type SeedProgress, seedCalendar } from '../src/index.js';
import { planSeedEvents } from '../src/seed/seed-plan.js';
import { calendarAccessToken, calendarApi, withToken } from './calendar-fixtures.js';
import { control, useEmulator } from './fixtures.js';

let url: string;

useEmulator((started) => (url = started));

const EMAIL = 'cliente@ejemplo.com';
const APP_DIR = fileURLToPath(new URL('..', import.meta.url));

async function events(email = EMAIL): Promise<{ timeZone: string; items: calendar_v3.Schema$Event[] }> {
  return control(url, 'GET', `/calendars/${encodeURIComponent(email)}/events`);
}

/** What makes two seeded calendars the same, independent of creation times. */
function fingerprint(items: calendar_v3.Schema$Event[]) {
  return items.map(({ id, summary, start, end, transparency }) => ({ id, summary, start, end, transparency }));
}

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--conditions=@agendo/source', '--import', 'tsx', 'src/seed/seed-command.ts', ...args], { cwd: APP_DIR });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('seedCalendar', () => {
  it('fills business hours on weekdays with 30/60/90-minute meetings, plus all-day and free events', async () => {
    const progress: SeedProgress[] = [];
    const result = await seedCalendar(url, { email: EMAIL, from: '2026-03-23', days: 28, seed: 42, onProgress: (p) => progress.push(p) });
    const { timeZone, items } = await events();
    expect(timeZone).toBe('Europe/Madrid');
    expect(result).toEqual({ events: items.length, skipped: 0 });
    expect(items.length).toBeGreaterThan(28);
    expect(progress).toHaveLength(28);
    expect(progress[0]).toMatchObject({ date: '2026-03-23', day: 1, days: 28 });
    expect(progress.at(-1)).toEqual({ date: '2026-04-19', day: 28, days: 28, events: items.length });

    const timed = items.filter((event) => event.start?.dateTime);
    const allDay = items.filter((event) => event.start?.date);
    const meetings = timed.filter((event) => event.transparency !== 'transparent');
    expect(allDay.length).toBeGreaterThanOrEqual(2);
    expect(items.some((event) => event.transparency === 'transparent')).toBe(true);
    expect(items.map((event) => event.summary)).toEqual(expect.arrayContaining(['Reunión con proveedor', 'Dentista']));
    for (const event of meetings) {
      const start = DateTime.fromISO(event.start?.dateTime ?? '', { zone: 'Europe/Madrid' });
      const end = DateTime.fromISO(event.end?.dateTime ?? '', { zone: 'Europe/Madrid' });
      expect(start.weekday, event.summary ?? '').toBeLessThanOrEqual(5);
      expect(start.hour).toBeGreaterThanOrEqual(9);
      expect(end.hour * 60 + end.minute).toBeLessThanOrEqual(19 * 60);
      expect([30, 60, 90]).toContain(end.diff(start, 'minutes').minutes);
      expect(event.start?.timeZone).toBe('Europe/Madrid');
    }
    // Meetings never overlap.
    const intervals = meetings.map((event) => [Date.parse(event.start?.dateTime ?? ''), Date.parse(event.end?.dateTime ?? '')] as const).sort((a, b) => a[0] - b[0]);
    for (let index = 1; index < intervals.length; index++) {
      expect(intervals[index]?.[0]).toBeGreaterThanOrEqual(intervals[index - 1]?.[1] ?? 0);
    }

    // The seeded calendar reads as busy through the real API.
    const auth = withToken(await calendarAccessToken(url, { email: EMAIL }));
    const { data } = await calendarApi(url).freebusy.query({ requestBody: { timeMin: '2026-03-23T00:00:00Z', timeMax: '2026-04-20T00:00:00Z', items: [{ id: 'primary' }] } }, auth);
    expect(data.calendars?.primary?.busy?.length).toBeGreaterThan(10);
  });

  it('is deterministic per seed, and idempotent when run again', async () => {
    const options = { email: EMAIL, from: '2026-04-06', days: 14, seed: 7 };
    const first = await seedCalendar(url, options);
    const seeded = fingerprint((await events()).items);

    expect(await seedCalendar(url, options)).toEqual({ events: first.events, skipped: first.events });
    expect(fingerprint((await events()).items)).toEqual(seeded);

    await control(url, 'POST', '/reset');
    await seedCalendar(url, options);
    expect(fingerprint((await events()).items)).toEqual(seeded);

    await seedCalendar(url, { ...options, email: 'otro@ejemplo.com', seed: 8 });
    expect(fingerprint((await events('otro@ejemplo.com')).items)).not.toEqual(seeded);
  });

  it('sets the calendar’s time zone and defaults to today', async () => {
    const result = await seedCalendar(`${url}/`, { email: EMAIL, days: 3, timeZone: 'America/Mexico_City' });
    const { timeZone, items } = await events();
    expect(timeZone).toBe('America/Mexico_City');
    expect(items).toHaveLength(result.events);
    // Every event reaches into the seeded days (a vacation may have begun before today).
    const zone = 'America/Mexico_City';
    const today = DateTime.now().setZone(zone).startOf('day');
    for (const event of items) {
      const end = event.end?.date ? DateTime.fromISO(event.end.date, { zone }) : DateTime.fromISO(event.end?.dateTime ?? '');
      expect(end > today, JSON.stringify(event.end)).toBe(true);
      expect(end <= today.plus({ days: 6 }), JSON.stringify(event.end)).toBe(true);
    }
    await expect(seedCalendar(url, { email: EMAIL, timeZone: 'Nowhere/Land' })).rejects.toThrow(/400/);
  });
});

describe('planSeedEvents', () => {
  it('plans a run starting mid-week like the days it shares with a longer run, vacations begun earlier included', () => {
    const zone = 'Europe/Madrid';
    // Seed 13 has a vacation that begins before 2026-11-12 and goes on into it.
    for (const seed of [1, 13, 42]) {
      const long = planSeedEvents({ seed, from: '2026-11-02', days: 28, timeZone: zone }).flatMap((day) => day.events);
      const short = planSeedEvents({ seed, from: '2026-11-12', days: 10, timeZone: zone }).flatMap((day) => day.events);
      const from = DateTime.fromISO('2026-11-12', { zone });
      const to = from.plus({ days: 10 });
      const instant = (time: { date?: string; dateTime?: string }) => (time.date ? DateTime.fromISO(time.date, { zone }) : DateTime.fromISO(time.dateTime ?? '', { zone }));
      const overlapping = long.filter((event) => instant(event.end) > from && instant(event.start) < to);
      expect(short, `seed ${seed}`).toEqual(overlapping);
    }
  });
});

describe('seed command', () => {
  it('runs as a process, prints progress and a summary, and seeds what seedCalendar would', async () => {
    const { code, stdout, stderr } = await run(['--email', EMAIL, '--url', url, '--days', '5', '--seed', '3', '--from', '2026-04-06', '--time-zone', 'Europe/Madrid']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toBe(`seed: filling ${EMAIL}'s calendar at ${url} (5 days, seed 3)`);
    expect(lines.filter((line) => /^seed: \d\/5 days \(2026-04-\d\d\), \d+ events so far$/.test(line))).toHaveLength(5);
    const stored = (await events()).items;
    expect(lines.at(-1)).toBe(`seed: done, ${stored.length} events in ${EMAIL}'s calendar (${stored.length} inserted, 0 already there).`);

    await control(url, 'POST', '/reset');
    await seedCalendar(url, { email: EMAIL, days: 5, seed: 3, from: '2026-04-06' });
    expect(fingerprint((await events()).items)).toEqual(fingerprint(stored));
  });

  it('fails with a message and exit code 1 on bad arguments', async () => {
    const missing = await run(['--url', url]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('--email is required');
    const badDays = await run(['--email', EMAIL, '--url', url, '--days', 'many']);
    expect(badDays.code).toBe(1);
    expect(badDays.stderr).toContain('--days');
    expect((await events()).items).toEqual([]);
  });
});

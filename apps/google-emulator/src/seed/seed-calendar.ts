import { DateTime } from 'luxon';
import { DEFAULT_TIME_ZONE } from '../calendar/time-zone.js';
import { planSeedEvents } from './seed-plan.js';

/** What {@link seedCalendar} fills. */
export interface SeedCalendarOptions {
  /** Google account whose primary calendar gets the events. */
  email: string;
  /** Days to fill, starting with `from`; defaults to 14. */
  days?: number;
  /** Calendar time zone to set first; defaults to `Europe/Madrid`. */
  timeZone?: string;
  /** PRNG seed; defaults to 42. The same seed gives the same events. */
  seed?: number;
  /** First day, `YYYY-MM-DD`; defaults to today in `timeZone`. */
  from?: string;
  /** Called after each day is seeded. */
  onProgress?: (progress: SeedProgress) => void;
}

/** Progress of {@link seedCalendar}, reported once per day. */
export interface SeedProgress {
  date: string;
  /** Days done so far, this one included. */
  day: number;
  days: number;
  /** Events seeded so far (inserted or already there). */
  events: number;
}

/** Outcome of {@link seedCalendar}. */
export interface SeedResult {
  /** Events of the plan now in the calendar. */
  events: number;
  /** Of those, how many were already there from an earlier run with the same seed (409 on insert). */
  skipped: number;
}

async function call(url: string, method: string, path: string, body: object): Promise<Response> {
  return fetch(`${url}/__emulator${path}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

async function failure(response: Response, what: string): Promise<Error> {
  return new Error(`${what} → ${response.status}: ${(await response.text()).slice(0, 500)}`);
}

/**
 * Fills an emulator calendar with realistic busy events over its control API (`url` is the
 * emulator's base URL): weekday meetings of 30/60/90 minutes in business hours, a few all-day
 * events and some free (`transparent`) ones, with Spanish titles. Deterministic per seed, and
 * idempotent: events of an earlier run with the same seed are kept, not duplicated.
 */
export async function seedCalendar(url: string, options: SeedCalendarOptions): Promise<SeedResult> {
  const base = url.replace(/\/+$/, '');
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const days = options.days ?? 14;
  if (!Number.isInteger(days) || days < 1) throw new Error(`Invalid number of days: ${days}`);
  const calendarPath = `/calendars/${encodeURIComponent(options.email)}`;

  const zoneResponse = await call(base, 'PUT', calendarPath, { timeZone });
  if (!zoneResponse.ok) throw await failure(zoneResponse, `PUT ${calendarPath}`);
  const zone = ((await zoneResponse.json()) as { timeZone: string }).timeZone;

  const from = options.from ?? DateTime.now().setZone(zone).toISODate() ?? '';
  const plan = planSeedEvents({ seed: options.seed ?? 42, from, days, timeZone: zone });
  let events = 0;
  let skipped = 0;
  for (const [index, day] of plan.entries()) {
    for (const event of day.events) {
      const response = await call(base, 'POST', `${calendarPath}/events`, event);
      if (response.status === 409) skipped += 1;
      else if (!response.ok) throw await failure(response, `POST ${calendarPath}/events`);
      else await response.body?.cancel();
      events += 1;
    }
    options.onProgress?.({ date: day.date, day: index + 1, days: plan.length, events });
  }
  return { events, skipped };
}

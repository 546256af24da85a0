import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness.js';
import { toolError } from './tool-error.js';

const ZONE = 'Europe/Madrid';
const C = { id: 'cliente-horas', email: 'horas@ejemplo.com' };
const HORIZON_DAYS = 400;

let h: Harness;
let c: Client;

type Result = Awaited<ReturnType<Client['callTool']>>;
const call = (name: string, args: Record<string, unknown>): Promise<Result> => c.callTool({ name, arguments: args });
const text = (r: Result): string => (r.content as { type: string; text: string }[]).map((p) => p.text).join('\n');
function ok<T = Record<string, unknown>>(r: Result): T {
  if (r.isError) throw new Error(`tool error: ${text(r)}`);
  return r.structuredContent as T;
}
/** A tool error as `code: message` (the message starts with the field), read from the structured error. */
function refusal(r: Result): string {
  const { code, message } = toolError(r);
  return `${code}: ${message}`;
}
async function eventCount(): Promise<number> {
  return ((await h.control(`/calendars/${C.email}/events`)) as { items: unknown[] }).items.length;
}

/** A local wall time `days` from now at `hour`:00 in the calendar's zone, with its offset. */
const ahead = (days: number, hour = 10): string =>
  DateTime.now().setZone(ZONE).plus({ days }).set({ hour, minute: 0, second: 0, millisecond: 0 }).toISO({ suppressMilliseconds: true })!;

/** The next day in the zone, at least two days from now, whose clocks change in the given direction. */
function nextChange(direction: 'forward' | 'back'): string {
  let day = DateTime.now().setZone(ZONE).plus({ days: 2 }).startOf('day');
  for (let i = 0; i < 400; i++, day = day.plus({ days: 1 })) {
    const before = day.offset;
    const after = day.plus({ hours: 23 }).offset;
    if ((direction === 'forward' && after > before) || (direction === 'back' && after < before)) return day.toISODate()!;
  }
  throw new Error('no clock change in the next 400 days');
}

let booking: string;
beforeAll(async () => {
  h = await startHarness({ BOOKING_HORIZON_DAYS: String(HORIZON_DAYS) });
  await h.control(`/calendars/${C.email}`, { method: 'PUT', json: { timeZone: ZONE } });
  await h.connect(C.id, C.email);
  c = await h.mcp(C.id);
  booking = ok<{ booking: { booking_id: string } }>(await call('create_booking', { start: ahead(3), duration_minutes: 30, title: 'Base', idempotency_key: 'strict-base-1' }))
    .booking.booking_id;
});
afterAll(async () => {
  await h?.close();
});

const LENIENT = [
  ['0000-01-01T10:00:00Z', /year/],
  ['0001-01-01T10:00:00Z', /year/],
  ['9999-12-31T10:00:00Z', /year/],
  ['2027-01-01T10:00:00+25:00', /offset/],
  ['2027-01-01T10:00:00-24:00', /offset/],
  ['2027-01-01T10:00:00+14:30', /offset/],
  ['2027-01-01T10:00:00+01:60', /offset/],
  ['2027-01-01T24:00:00Z', /24/],
  ['2027-01-01T24:00Z', /24/],
  ['2027-02-30T10:00:00Z', /not a real date/],
  ['2027-01-01T10:00:60Z', /second/],
  ['2027-01-01 10:00:00Z', /RFC 3339/],
  ['2027-01-01', /RFC 3339/],
] as const;

/** Every time argument of every tool, with the other arguments valid. */
function timeFields(bad: string): [string, string, Record<string, unknown>][] {
  const start = ahead(5);
  const end = ahead(5, 11);
  return [
    ['check_availability', 'start', { start: bad, end }],
    ['check_availability', 'end', { start, end: bad }],
    ['find_available_slots', 'range_start', { range_start: bad, range_end: end, duration_minutes: 30 }],
    ['find_available_slots', 'range_end', { range_start: start, range_end: bad, duration_minutes: 30 }],
    ['find_available_slots', 'near', { range_start: start, range_end: ahead(6), duration_minutes: 30, near: bad }],
    ['create_booking', 'start', { start: bad, duration_minutes: 30, title: 'x', idempotency_key: `strict-${bad}` }],
    ['create_booking', 'end', { start, end: bad, title: 'x', idempotency_key: `strict-end-${bad}` }],
    ['update_booking', 'start', { booking_id: booking, start: bad }],
    ['update_booking', 'end', { booking_id: booking, end: bad }],
    ['list_bookings', 'range_start', { range_start: bad, range_end: end }],
    ['list_bookings', 'range_end', { range_start: start, range_end: bad }],
  ];
}

describe('strict RFC 3339 in every time argument', () => {
  it.each(LENIENT)('%s is refused as invalid_argument naming the field, in every tool, storing nothing', async (bad, reason) => {
    const before = await eventCount();
    for (const [tool, field, args] of timeFields(bad)) {
      const message = refusal(await call(tool, args));
      expect(message, `${tool}.${field}`).toMatch(new RegExp(`^invalid_argument: ${field}: `));
      expect(message, `${tool}.${field}`).toMatch(reason);
    }
    expect(await eventCount()).toBe(before);
  });

  it('accepts offsets up to ±14:00, lower-case t and z, fractions of a second, and no offset (the calendar zone)', async () => {
    const day = DateTime.now().setZone('UTC').plus({ days: 20 }).toISODate()!;
    for (const [start, end] of [
      [`${day}T10:00:00+14:00`, `${day}T11:00:00+14:00`],
      [`${day}T10:00:00-14:00`, `${day}T11:00:00-14:00`],
      [`${day}t10:00:00.123456z`, `${day}t11:00:00z`],
      [`${day}T10:00`, `${day}T11:00`],
    ]) {
      expect(ok(await call('check_availability', { start, end })), start).toMatchObject({ free: true });
    }
  });
});

describe('bookings only in the future and within BOOKING_HORIZON_DAYS', () => {
  it('refuses to create or move a booking into the past', async () => {
    const before = await eventCount();
    const past = DateTime.now().minus({ hours: 2 }).toISO();
    expect(refusal(await call('create_booking', { start: past, duration_minutes: 30, title: 'x', idempotency_key: 'strict-past-1' }))).toMatch(
      /^invalid_argument: start: .*future/,
    );
    expect(refusal(await call('create_booking', { start: '2020-05-05T10:00:00+02:00', duration_minutes: 30, title: 'x', idempotency_key: 'strict-past-2' }))).toMatch(
      /^invalid_argument: start: /,
    );
    expect(refusal(await call('update_booking', { booking_id: booking, start: past }))).toMatch(/^invalid_argument: start: .*future/);
    expect(await eventCount()).toBe(before);
  });

  it(`refuses a booking more than ${HORIZON_DAYS} days ahead, and takes one just inside`, async () => {
    expect(refusal(await call('create_booking', { start: ahead(HORIZON_DAYS + 2), duration_minutes: 30, title: 'x', idempotency_key: 'strict-far-1' }))).toMatch(
      new RegExp(`^invalid_argument: start: .*${HORIZON_DAYS} days`),
    );
    expect(refusal(await call('update_booking', { booking_id: booking, start: ahead(HORIZON_DAYS + 2) }))).toMatch(/^invalid_argument: start: /);
    expect(ok(await call('create_booking', { start: ahead(HORIZON_DAYS - 2), duration_minutes: 30, title: 'Lejos', idempotency_key: 'strict-far-2' }))).toMatchObject({
      created: true,
    });
  });

  it('past ranges stay fine for check_availability and list_bookings', async () => {
    const start = DateTime.now().minus({ days: 10 }).toISO();
    const end = DateTime.now().minus({ days: 9 }).toISO();
    expect(ok(await call('check_availability', { start, end }))).toMatchObject({ free: true });
    expect(ok(await call('list_bookings', { range_start: start, range_end: end }))).toMatchObject({ bookings: [] });
  });
});

describe('local times around clock changes', () => {
  it('a time that does not exist (spring forward) is refused with the valid time suggested', async () => {
    const day = nextChange('forward');
    const before = await eventCount();
    const message = refusal(await call('create_booking', { start: `${day}T02:30:00`, duration_minutes: 30, title: 'x', idempotency_key: 'strict-gap-1' }));
    expect(message).toMatch(/^invalid_argument: start: /);
    expect(message).toContain(`${day}T02:30`);
    expect(message).toContain(`${day}T03:00:00+02:00`);
    expect(refusal(await call('check_availability', { start: `${day}T02:30:00`, end: `${day}T04:00:00` }))).toMatch(/^invalid_argument: start: .*03:00:00\+02:00/);
    expect(await eventCount()).toBe(before);
  });

  it('a time that happens twice (fall back) takes the first and says so', async () => {
    const day = nextChange('back');
    const result = await call('create_booking', { start: `${day}T02:30:00`, duration_minutes: 30, title: 'Doble', idempotency_key: 'strict-fold-1' });
    const out = ok<{ booking: { start: string }; time_notes: string[] }>(result);
    expect(out.booking.start).toBe(`${day}T02:30:00+02:00`);
    expect(out.time_notes).toHaveLength(1);
    expect(out.time_notes[0]).toMatch(/twice/);
    expect(out.time_notes[0]).toContain(`${day}T02:30:00+01:00`);
    // The text block is exactly the JSON of structuredContent.
    expect(JSON.parse(text(result))).toEqual(out);
    // With the offset, the second one.
    const second = ok<{ booking: { start: string }; time_notes?: string[] }>(
      await call('create_booking', { start: `${day}T02:30:00+01:00`, duration_minutes: 30, title: 'Doble 2', idempotency_key: 'strict-fold-2' }),
    );
    expect(second.booking.start).toBe(`${day}T02:30:00+01:00`);
    expect(second.time_notes ?? []).toEqual([]);
  });
});

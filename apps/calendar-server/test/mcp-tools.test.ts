import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness.js';
import { toolError } from './tool-error.js';

const FAST_RETRY = { maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 100, maxTotalMs: 5_000 };
const A = { id: 'cliente-a', email: 'ana@ejemplo.com' };
const B = { id: 'cliente-b', email: 'beto@ejemplo.com' };

interface GoogleEvent {
  id: string;
  status: string;
  summary?: string;
  start: { dateTime?: string; date?: string };
  end: { dateTime?: string; date?: string };
  extendedProperties?: { private?: Record<string, string> };
}

let h: Harness;
let a: Client;
let b: Client;

type Result = Awaited<ReturnType<Client['callTool']>>;
async function call(client: Client, name: string, args: Record<string, unknown> = {}): Promise<Result> {
  return client.callTool({ name, arguments: args });
}
function ok<T = Record<string, unknown>>(result: Result): T {
  if (result.isError) throw new Error(`tool error: ${JSON.stringify(result.content)}`);
  return result.structuredContent as T;
}
async function events(email: string): Promise<GoogleEvent[]> {
  return ((await h.control(`/calendars/${email}/events`)) as { items: GoogleEvent[] }).items;
}
async function counts(): Promise<Record<string, number>> {
  return ((await h.control('/requests')) as { counts: Record<string, number> }).counts;
}
async function seed(email: string, event: Partial<GoogleEvent> & { transparency?: string }): Promise<void> {
  await h.control(`/calendars/${email}/events`, { json: event });
}

beforeAll(async () => {
  h = await startHarness({}, { retry: FAST_RETRY });
  for (const c of [A, B]) {
    await h.control(`/calendars/${c.email}`, { method: 'PUT', json: { timeZone: 'Europe/Madrid' } });
    await h.connect(c.id, c.email);
  }
  a = await h.mcp(A.id);
  b = await h.mcp(B.id);
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await h.control('/faults', { method: 'DELETE' });
});

describe('the MCP endpoint', () => {
  it('lists the seven tools with input and output schemas and annotations', async () => {
    const { tools } = await a.listTools();
    const byName = Object.fromEntries(tools.map((t) => [t.name, t]));
    expect(Object.keys(byName).sort()).toEqual(
      ['cancel_booking', 'check_availability', 'create_booking', 'find_available_slots', 'get_calendar_info', 'list_bookings', 'update_booking'].sort(),
    );
    for (const tool of tools) {
      expect(tool.inputSchema.type).toBe('object');
      expect(tool.outputSchema?.type).toBe('object');
    }
    expect(byName.check_availability?.annotations).toMatchObject({ readOnlyHint: true });
    expect(byName.cancel_booking?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true, idempotentHint: true });
    expect(byName.create_booking?.inputSchema.required).toEqual(expect.arrayContaining(['start', 'title', 'idempotency_key']));
  });

  it('refuses a missing or wrong API key and a missing or malformed X-Customer-Id', async () => {
    const post = (headers: Record<string, string>) =>
      fetch(`${h.server.url}/mcp`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
      });
    expect((await post({ 'x-customer-id': A.id })).status).toBe(401);
    expect((await post({ authorization: 'Bearer nope-nope-nope-nope-nope', 'x-customer-id': A.id })).status).toBe(401);
    const missing = await post({ authorization: `Bearer ${h.env.MCP_API_KEY}` });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(await missing.json())).toContain('X-Customer-Id');
    expect((await post({ authorization: `Bearer ${h.env.MCP_API_KEY}`, 'x-customer-id': 'bad id!' })).status).toBe(400);
    expect((await post({ authorization: `Bearer ${h.env.MCP_API_KEY}`, 'x-customer-id': A.id, origin: 'http://evil.example' })).status).toBe(403);
    await expect(h.mcp(null)).rejects.toThrow();
  });

  it('an unknown customer gets a tool error that says so, not a crash', async () => {
    const stranger = await h.mcp('nadie-123');
    const failed = toolError(await call(stranger, 'get_calendar_info'));
    expect(failed.code).toBe('not_connected');
    expect(failed.message).toMatch(/^Customer nadie-123 has no Google Calendar connected/);
  });
});

describe('calendar tools', () => {
  it('get_calendar_info tells the time zone, now and the connected email', async () => {
    const info = ok<{ time_zone: string; now: string; email: string }>(await call(a, 'get_calendar_info'));
    expect(info.time_zone).toBe('Europe/Madrid');
    expect(info.email).toBe(A.email);
    expect(info.now).toMatch(/[+-]0[12]:00$/);
    expect(Math.abs(Date.parse(info.now) - Date.now())).toBeLessThan(60_000);
  });

  it('check_availability sees opaque and all-day events, not transparent or cancelled ones', async () => {
    await seed(A.email, { summary: 'Dentista', start: { dateTime: '2027-02-01T10:00:00+01:00' }, end: { dateTime: '2027-02-01T11:00:00+01:00' } });
    await seed(A.email, { summary: 'Recordatorio', transparency: 'transparent', start: { dateTime: '2027-02-01T12:00:00+01:00' }, end: { dateTime: '2027-02-01T13:00:00+01:00' } });
    await seed(A.email, { summary: 'Vacaciones', start: { date: '2027-02-03' }, end: { date: '2027-02-04' } });

    const busy = ok<{ free: boolean; conflicts: { start: string; end: string }[] }>(
      await call(a, 'check_availability', { start: '2027-02-01T10:30:00+01:00', end: '2027-02-01T11:30:00+01:00' }),
    );
    expect(busy.free).toBe(false);
    expect(busy.conflicts).toEqual([{ start: '2027-02-01T10:30:00+01:00', end: '2027-02-01T11:00:00+01:00' }]);
    expect(ok<{ free: boolean }>(await call(a, 'check_availability', { start: '2027-02-01T12:00:00+01:00', end: '2027-02-01T13:00:00+01:00' })).free).toBe(true);
    expect(ok<{ free: boolean }>(await call(a, 'check_availability', { start: '2027-02-03T15:00:00', end: '2027-02-03T16:00:00' })).free).toBe(false);
    // The same slot in B's calendar is free: tenants don't share calendars.
    expect(ok<{ free: boolean }>(await call(b, 'check_availability', { start: '2027-02-01T10:30:00+01:00', end: '2027-02-01T11:30:00+01:00' })).free).toBe(true);
  });

  it('find_available_slots works within working hours, skips busy time, nearest first', async () => {
    const slots = ok<{ slots: { start: string; end: string }[] }>(
      await call(a, 'find_available_slots', { range_start: '2027-02-01T00:00:00+01:00', range_end: '2027-02-02T00:00:00+01:00', duration_minutes: 60, limit: 4 }),
    ).slots;
    expect(slots.map((s) => s.start)).toEqual(['2027-02-01T09:00:00+01:00', '2027-02-01T11:00:00+01:00', '2027-02-01T11:30:00+01:00', '2027-02-01T12:00:00+01:00']);
    const near = ok<{ slots: { start: string }[] }>(
      await call(a, 'find_available_slots', {
        range_start: '2027-02-01T00:00:00+01:00',
        range_end: '2027-02-02T00:00:00+01:00',
        duration_minutes: 60,
        near: '2027-02-01T10:15:00+01:00',
        limit: 3,
      }),
    ).slots;
    expect(near.map((s) => s.start)).toEqual(['2027-02-01T11:00:00+01:00', '2027-02-01T09:00:00+01:00', '2027-02-01T11:30:00+01:00']);
    // Weekend and the all-day "Vacaciones" give nothing; custom hours do.
    expect(
      ok<{ slots: unknown[] }>(await call(a, 'find_available_slots', { range_start: '2027-02-06T00:00:00', range_end: '2027-02-08T00:00:00', duration_minutes: 30 })).slots,
    ).toEqual([]);
    const saturday = ok<{ slots: { start: string }[] }>(
      await call(a, 'find_available_slots', {
        range_start: '2027-02-06T00:00:00',
        range_end: '2027-02-07T00:00:00',
        duration_minutes: 30,
        working_hours: { days: [6], start: '10:00', end: '11:00' },
      }),
    ).slots;
    expect(saturday.map((s) => s.start)).toEqual(['2027-02-06T10:00:00+01:00', '2027-02-06T10:30:00+01:00']);
  });

  it('create_booking books a free slot as a tagged Google event, once per idempotency key', async () => {
    const args = { start: '2027-02-02T15:00:00', duration_minutes: 60, title: 'Cita con Ana', notes: 'Primera visita', idempotency_key: 'proposal-0001' };
    const first = ok<{ created: boolean; booking: { booking_id: string; start: string; end: string; status: string } }>(await call(a, 'create_booking', args));
    expect(first.created).toBe(true);
    expect(first.booking).toMatchObject({ start: '2027-02-02T15:00:00+01:00', end: '2027-02-02T16:00:00+01:00', status: 'confirmed' });
    const again = ok<{ created: boolean; booking: { booking_id: string } }>(await call(a, 'create_booking', args));
    expect(again.created).toBe(false);
    expect(again.booking.booking_id).toBe(first.booking.booking_id);
    const stored = (await events(A.email)).filter((e) => e.summary === 'Cita con Ana');
    expect(stored).toHaveLength(1);
    expect(stored[0]?.id).toBe(first.booking.booking_id);
    expect(stored[0]?.extendedProperties?.private).toMatchObject({ agendo: 'booking', agendo_customer: A.id });
    // The same key for another time is refused instead of silently returning the old booking.
    const reused = toolError(await call(a, 'create_booking', { ...args, start: '2027-02-02T17:00:00' }));
    expect(reused.code).toBe('invalid_argument');
    expect(reused.message).toMatch(/^idempotency_key "proposal-0001" was already used/);
  });

  it('check then create costs two Google requests', async () => {
    const before = await counts();
    const slot = { start: '2027-02-04T09:00:00+01:00', end: '2027-02-04T10:00:00+01:00' };
    expect(ok<{ free: boolean }>(await call(a, 'check_availability', slot)).free).toBe(true);
    ok(await call(a, 'create_booking', { ...slot, title: 'Dos peticiones', idempotency_key: 'two-requests-1' }));
    const after = await counts();
    const calendarRequests = (c: Record<string, number>) =>
      Object.entries(c)
        .filter(([k]) => k.startsWith('calendar.'))
        .reduce((n, [, v]) => n + v, 0);
    expect(calendarRequests(after) - calendarRequests(before)).toBe(2);
    expect((after['calendar.freebusy.query'] ?? 0) - (before['calendar.freebusy.query'] ?? 0)).toBe(1);
    expect((after['calendar.events.insert'] ?? 0) - (before['calendar.events.insert'] ?? 0)).toBe(1);
  });

  it('a busy slot is a tool error with the conflicts', async () => {
    const failed = toolError(
      await call(a, 'create_booking', { start: '2027-02-01T10:00:00+01:00', end: '2027-02-01T10:30:00+01:00', title: 'Choque', idempotency_key: 'clash-0001' }),
    );
    expect(failed.code).toBe('slot_unavailable');
    expect(failed.details?.conflicts).toEqual([{ start: '2027-02-01T10:00:00+01:00', end: '2027-02-01T10:30:00+01:00' }]);
    expect((await events(A.email)).some((e) => e.summary === 'Choque')).toBe(false);
  });

  it('a lost response (Google wrote, then answered 503) still makes exactly one event', async () => {
    await h.control('/faults', { json: { endpoint: 'calendar.events.insert', status: 503, mode: 'after', count: 1 } });
    const result = ok<{ booking: { booking_id: string; start: string } }>(
      await call(a, 'create_booking', { start: '2027-02-05T12:00:00+01:00', duration_minutes: 30, title: 'Respuesta perdida', idempotency_key: 'lost-response-1' }),
    );
    expect(result.booking.start).toBe('2027-02-05T12:00:00+01:00');
    const stored = (await events(A.email)).filter((e) => e.summary === 'Respuesta perdida');
    expect(stored.map((e) => e.id)).toEqual([result.booking.booking_id]);
  });

  it('50 concurrent bookings of one slot make exactly one event; the rest get clear conflicts', async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        call(a, 'create_booking', { start: '2027-02-08T16:00:00+01:00', duration_minutes: 45, title: `Carrera ${i}`, idempotency_key: `race-key-${i}` }),
      ),
    );
    const booked = results.filter((r) => !r.isError);
    expect(booked).toHaveLength(1);
    for (const r of results.filter((x) => x.isError)) expect(toolError(r).code).toBe('slot_unavailable');
    expect((await events(A.email)).filter((e) => e.summary?.startsWith('Carrera') && e.status === 'confirmed')).toHaveLength(1);
  });

  it('lists, moves and cancels only its own bookings', async () => {
    const created = ok<{ booking: { booking_id: string } }>(
      await call(a, 'create_booking', { start: '2027-02-09T09:00:00', duration_minutes: 60, title: 'Para mover', idempotency_key: 'move-me-0001' }),
    ).booking;
    const listed = ok<{ bookings: { booking_id: string; title: string }[] }>(
      await call(a, 'list_bookings', { range_start: '2027-02-01T00:00:00', range_end: '2027-02-28T00:00:00' }),
    ).bookings;
    expect(listed.map((x) => x.title)).toContain('Para mover');
    expect(listed.map((x) => x.title)).not.toContain('Dentista');

    // Moving onto busy time is refused; moving it by 30 minutes overlapping itself is fine.
    expect(toolError(await call(a, 'update_booking', { booking_id: created.booking_id, start: '2027-02-01T10:00:00' })).code).toBe('slot_unavailable');
    const moved = ok<{ booking: { start: string; end: string } }>(await call(a, 'update_booking', { booking_id: created.booking_id, start: '2027-02-09T09:30:00' })).booking;
    expect(moved).toMatchObject({ start: '2027-02-09T09:30:00+01:00', end: '2027-02-09T10:30:00+01:00' });

    // B can neither see nor move nor cancel A's booking.
    expect(ok<{ bookings: unknown[] }>(await call(b, 'list_bookings', { range_start: '2027-02-01T00:00:00', range_end: '2027-02-28T00:00:00' })).bookings).toEqual([]);
    expect(toolError(await call(b, 'cancel_booking', { booking_id: created.booking_id })).code).toBe('not_found');
    expect(toolError(await call(b, 'update_booking', { booking_id: created.booking_id, title: 'hackeado' })).code).toBe('not_found');

    // Nor can A touch an event it did not make.
    const dentist = (await events(A.email)).find((e) => e.summary === 'Dentista');
    expect(toolError(await call(a, 'cancel_booking', { booking_id: dentist!.id })).code).toBe('not_found');

    const cancelled = ok<{ cancelled: boolean; booking: { status: string } }>(await call(a, 'cancel_booking', { booking_id: created.booking_id }));
    expect(cancelled).toMatchObject({ cancelled: true, booking: { status: 'cancelled' } });
    expect(ok<{ cancelled: boolean }>(await call(a, 'cancel_booking', { booking_id: created.booking_id })).cancelled).toBe(false);
    const after = (await events(A.email)).find((e) => e.id === created.booking_id);
    expect(after?.status).toBe('cancelled');
    expect((await events(A.email)).find((e) => e.summary === 'Dentista')?.status).toBe('confirmed');
  });

  it.each([
    [{ start: 'mañana a las 3', duration_minutes: 30, title: 'x', idempotency_key: 'bad-args-1' }, 'start', /RFC 3339/],
    [{ start: '2027-02-10T10:00:00', end: '2027-02-10T09:00:00', title: 'x', idempotency_key: 'bad-args-2' }, 'end', /end must be after start/],
    [{ start: '2027-02-10T10:00:00', duration_minutes: 30, title: 'x' }, 'idempotency_key', /string/],
    [{ start: '2027-02-10T10:00:00', title: 'x', idempotency_key: 'bad-args-3' }, 'end', /exactly one of end or duration_minutes/],
    [
      { start: '2027-02-10T10:00:00', end: '2027-02-10T11:00:00', duration_minutes: 60, title: 'x', idempotency_key: 'bad-args-5' },
      'duration_minutes',
      /exactly one of end or duration_minutes/,
    ],
    [{ start: '2027-02-30T10:00:00', duration_minutes: 30, title: 'x', idempotency_key: 'bad-args-4' }, 'start', /not a real date-time/],
  ])('bad create_booking arguments are invalid_argument errors naming the field (%o)', async (args, field, message) => {
    const failed = toolError(await call(a, 'create_booking', args));
    expect(failed.code).toBe('invalid_argument');
    expect(failed.details?.issues).toEqual([{ path: field, message: expect.stringMatching(message) }]);
  });

  it('find_available_slots refuses a range over 31 days', async () => {
    const failed = toolError(await call(a, 'find_available_slots', { range_start: '2027-01-01T00:00:00', range_end: '2027-03-01T00:00:00', duration_minutes: 30 }));
    expect(failed.details?.issues).toEqual([{ path: 'range_end', message: expect.stringMatching(/at most 31 days/) }]);
  });
});

describe('Daylight saving time (Europe/Madrid)', () => {
  it('the short night of the last Sunday of March has two real hours between 01:00 and 04:00', async () => {
    const slots = ok<{ slots: { start: string; end: string }[] }>(
      await call(a, 'find_available_slots', {
        range_start: '2027-03-28T00:00:00',
        range_end: '2027-03-29T00:00:00',
        duration_minutes: 60,
        working_hours: { days: [7], start: '01:00', end: '04:00' },
      }),
    ).slots;
    expect(slots).toEqual([
      { start: '2027-03-28T01:00:00+01:00', end: '2027-03-28T03:00:00+02:00' },
      { start: '2027-03-28T01:30:00+01:00', end: '2027-03-28T03:30:00+02:00' },
      { start: '2027-03-28T03:00:00+02:00', end: '2027-03-28T04:00:00+02:00' },
    ]);
  });

  it('the long night of the last Sunday of October has four real hours between 01:00 and 04:00', async () => {
    const slots = ok<{ slots: { start: string }[] }>(
      await call(a, 'find_available_slots', {
        range_start: '2027-10-31T00:00:00',
        range_end: '2027-11-01T00:00:00',
        duration_minutes: 60,
        step_minutes: 60,
        working_hours: { days: [7], start: '01:00', end: '04:00' },
      }),
    ).slots;
    expect(slots.map((s) => s.start)).toEqual(['2027-10-31T01:00:00+02:00', '2027-10-31T02:00:00+02:00', '2027-10-31T02:00:00+01:00', '2027-10-31T03:00:00+01:00']);
  });

  it('a booking across the March change keeps its real length and local times', async () => {
    const booking = ok<{ booking: { start: string; end: string } }>(
      await call(a, 'create_booking', { start: '2027-03-28T01:30:00', duration_minutes: 60, title: 'Cambio de hora', idempotency_key: 'dst-march-01' }),
    ).booking;
    expect(booking).toEqual(expect.objectContaining({ start: '2027-03-28T01:30:00+01:00', end: '2027-03-28T03:30:00+02:00' }));
    const summer = ok<{ booking: { start: string } }>(
      await call(a, 'create_booking', { start: '2027-03-29T10:00:00', duration_minutes: 60, title: 'Verano', idempotency_key: 'dst-march-02' }),
    ).booking;
    expect(summer.start).toBe('2027-03-29T10:00:00+02:00');
  });
});

describe('tokens and Google limits', () => {
  it('200 concurrent calls with an expired access token make exactly one refresh', async () => {
    await h.control('/tokens/expire', { json: { email: A.email } });
    const before = (await counts())['token.refresh_token'] ?? 0;
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => call(a, 'check_availability', { start: `2027-04-0${1 + (i % 5)}T10:00:00`, end: `2027-04-0${1 + (i % 5)}T11:00:00` })),
    );
    expect(results.filter((r) => r.isError)).toEqual([]);
    expect(((await counts())['token.refresh_token'] ?? 0) - before).toBe(1);
    // The refreshed token is persisted (encrypted): a new server process would not refresh again.
    const stored = await h.server.vault.get(A.id);
    expect(stored?.tokens.expiryDate).toBeGreaterThan(Date.now() + 50 * 60_000);

    // And /metrics (behind the key) counts it, with Google's requests by method.
    expect((await h.api('/metrics', { auth: null })).status).toBe(401);
    const metrics = await (await h.api('/metrics')).text();
    expect(metrics).toMatch(/^agendo_token_refreshes_total [1-9]\d*$/m);
    expect(metrics).toMatch(/^agendo_google_requests_total\{method="freebusy.query"\} [1-9]\d*$/m);
    expect(metrics).toMatch(/^agendo_http_request_duration_seconds_count\{route="\/mcp",status="200"\} [1-9]\d*$/m);
  });

  it('429 with Retry-After and 503s are retried and succeed', async () => {
    await h.control('/faults', { json: { endpoint: 'calendar.freebusy.query', status: 429, retryAfter: 1, count: 1 } });
    await h.control('/faults', { json: { endpoint: 'calendar.events.insert', status: 503, count: 2 } });
    const started = Date.now();
    const booked = ok<{ created: boolean }>(
      await call(a, 'create_booking', { start: '2027-04-06T10:00:00', duration_minutes: 30, title: 'Con reintentos', idempotency_key: 'retry-0001' }),
    );
    expect(booked.created).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect((await events(A.email)).filter((e) => e.summary === 'Con reintentos')).toHaveLength(1);
  });

  it('a 403 userRateLimitExceeded is retried; endless 503s end in a clear tool error', async () => {
    await h.control('/faults', {
      json: {
        endpoint: 'calendar.freebusy.query',
        status: 403,
        count: 1,
        body: { error: { code: 403, message: 'Rate Limit Exceeded', errors: [{ domain: 'usageLimits', reason: 'userRateLimitExceeded', message: 'Rate Limit Exceeded' }] } },
      },
    });
    expect(ok<{ free: boolean }>(await call(a, 'check_availability', { start: '2027-04-07T10:00:00', end: '2027-04-07T11:00:00' })).free).toBe(true);
    await h.control('/faults', { json: { endpoint: 'calendar.freebusy.query', status: 503, count: 10 } });
    expect(toolError(await call(a, 'check_availability', { start: '2027-04-08T10:00:00', end: '2027-04-08T11:00:00' })).code).toBe('google_unavailable');
  });

  it('a revoked grant turns the customer needs_reauth, told as a tool error and in /oauth/status', async () => {
    await h.connect('cliente-c', 'carla@ejemplo.com');
    const c = await h.mcp('cliente-c');
    ok(await call(c, 'get_calendar_info'));
    await h.control('/users/carla@ejemplo.com/revoke', { json: {} });
    const failed = toolError(await call(c, 'check_availability', { start: '2027-04-09T10:00:00', end: '2027-04-09T11:00:00' }));
    expect(failed.code).toBe('needs_reauth');
    expect(failed.message).toMatch(/reconnect/);
    const status = (await (await h.api('/oauth/status/cliente-c')).json()) as { status: string };
    expect(status.status).toBe('needs_reauth');
    expect(toolError(await call(c, 'create_booking', { start: '2027-04-09T10:00:00', duration_minutes: 30, title: 'No', idempotency_key: 'reauth-0001' })).code).toBe(
      'needs_reauth',
    );
  });
});

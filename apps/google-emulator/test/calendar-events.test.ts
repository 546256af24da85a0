import type { calendar_v3 } from '@googleapis/calendar';
import { beforeEach, describe, expect, it } from 'vitest';
import { calendarAccessToken, calendarApi, timedEvent, withToken } from './calendar-fixtures.js';
import { control, rejectionOf, USER_EMAIL, useEmulator } from './fixtures.js';

let url: string;
let api: calendar_v3.Calendar;
let auth: ReturnType<typeof withToken>;

useEmulator((started) => {
  url = started;
  api = calendarApi(url);
});
beforeEach(async () => {
  auth = withToken(await calendarAccessToken(url));
});

const NOT_FOUND = { error: { code: 404, message: 'Not Found', errors: [{ domain: 'global', reason: 'notFound', message: 'Not Found' }] } };
const DUPLICATE = {
  error: {
    code: 409,
    message: 'The requested identifier already exists.',
    errors: [{ domain: 'global', reason: 'duplicate', message: 'The requested identifier already exists.' }],
  },
};
const GONE = {
  error: { code: 410, message: 'Resource has been deleted', errors: [{ domain: 'global', reason: 'deleted', message: 'Resource has been deleted' }] },
};

function reasonOf(data: Record<string, unknown>): string | undefined {
  return (data as { error?: { errors?: { reason?: string }[] } }).error?.errors?.[0]?.reason;
}

async function insert(event: calendar_v3.Schema$Event): Promise<calendar_v3.Schema$Event> {
  return (await api.events.insert({ calendarId: 'primary', requestBody: event }, auth)).data;
}

async function list(params: Omit<calendar_v3.Params$Resource$Events$List, 'calendarId'> = {}): Promise<calendar_v3.Schema$Events> {
  return (await api.events.list({ calendarId: 'primary', ...params }, auth)).data;
}

async function listIds(params: Omit<calendar_v3.Params$Resource$Events$List, 'calendarId'> = {}): Promise<string[]> {
  return ((await list(params)).items ?? []).map((event) => event.id ?? '');
}

describe('calendars.get', () => {
  it('returns the primary calendar with its time zone, which the control API can change', async () => {
    const { data } = await api.calendars.get({ calendarId: 'primary' }, auth);
    expect(data).toMatchObject({ kind: 'calendar#calendar', id: USER_EMAIL, summary: USER_EMAIL, timeZone: 'Europe/Madrid' });
    expect(data.etag).toMatch(/^"\d+"$/);

    expect(await control(url, 'PUT', `/calendars/${encodeURIComponent('ANA@example.com')}`, { timeZone: 'america/new_york' })).toEqual({
      id: USER_EMAIL,
      timeZone: 'America/New_York',
    });
    const byEmail = await api.calendars.get({ calendarId: 'Ana@Example.com' }, auth);
    expect(byEmail.data.timeZone).toBe('America/New_York');
    expect(byEmail.data.etag).not.toBe(data.etag);
  });

  it('rejects unknown time zones in the control API', async () => {
    for (const body of [{ timeZone: 'Mars/Olympus' }, { timeZone: '+02:00' }, {}]) {
      const response = await fetch(`${url}/__emulator/calendars/${USER_EMAIL}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(400);
    }
    expect((await api.calendars.get({ calendarId: 'primary' }, auth)).data.timeZone).toBe('Europe/Madrid');
  });

  it('answers 404 for any calendar but the account’s own', async () => {
    for (const calendarId of ['bruno@example.com', 'es.spain#holiday@group.v.calendar.google.com']) {
      expect(await rejectionOf(api.calendars.get({ calendarId }, auth))).toEqual({ status: 404, data: NOT_FOUND });
      expect((await rejectionOf(api.events.list({ calendarId }, auth))).status).toBe(404);
    }
  });
});

describe('events.insert', () => {
  it('stores and returns the full Google resource, with a client-chosen id', async () => {
    const before = Date.now();
    const created = await insert({
      id: 'agendo0booking0001',
      summary: 'Corte de pelo',
      description: 'Reserva de Agendo',
      start: { dateTime: '2026-04-06T10:00:00', timeZone: 'Europe/Madrid' },
      end: { dateTime: '2026-04-06T08:30:00Z', timeZone: 'Europe/Madrid' },
      transparency: 'opaque',
      extendedProperties: { private: { agendo: 'booking', agendo_customer: 'c1' } },
    });
    expect(created).toEqual({
      kind: 'calendar#event',
      etag: expect.stringMatching(/^"\d+"$/),
      id: 'agendo0booking0001',
      status: 'confirmed',
      htmlLink: expect.stringMatching(/^https:\/\/www\.google\.com\/calendar\/event\?eid=[\w-]+$/),
      created: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      updated: created.created,
      summary: 'Corte de pelo',
      description: 'Reserva de Agendo',
      creator: { email: USER_EMAIL, self: true },
      organizer: { email: USER_EMAIL, self: true },
      start: { dateTime: '2026-04-06T10:00:00+02:00', timeZone: 'Europe/Madrid' },
      end: { dateTime: '2026-04-06T10:30:00+02:00', timeZone: 'Europe/Madrid' },
      iCalUID: 'agendo0booking0001@google.com',
      sequence: 0,
      extendedProperties: { private: { agendo: 'booking', agendo_customer: 'c1' } },
      reminders: { useDefault: true },
      eventType: 'default',
    });
    expect(Date.parse(created.created ?? '')).toBeGreaterThanOrEqual(before - 1);
    const stored = await control<{ items: calendar_v3.Schema$Event[] }>(url, 'GET', `/calendars/${USER_EMAIL}/events`);
    expect(stored.items).toEqual([created]);
  });

  it('writes date-times without a zone of their own in the calendar’s zone, and keeps all-day dates', async () => {
    const timed = await insert(timedEvent('2026-01-15T09:00:00Z', '2026-01-15T09:45:00.000Z', { transparency: 'transparent' }));
    expect(timed.start).toEqual({ dateTime: '2026-01-15T10:00:00+01:00' });
    expect(timed.end).toEqual({ dateTime: '2026-01-15T10:45:00+01:00' });
    expect(timed.transparency).toBe('transparent');
    expect(timed.id).toMatch(/^[0-9a-v]{26}$/);

    const allDay = await insert({ summary: 'Vacaciones', start: { date: '2026-08-03' }, end: { date: '2026-08-08' } });
    expect(allDay).toMatchObject({ start: { date: '2026-08-03' }, end: { date: '2026-08-08' }, status: 'confirmed' });
    expect(allDay.id).not.toBe(timed.id);
  });

  it('answers 409 duplicate for a taken id, cancelled events included', async () => {
    const event = timedEvent('2026-04-06T08:00:00Z', '2026-04-06T09:00:00Z', { id: 'abcde12345' });
    await insert(event);
    expect(await rejectionOf(insert({ ...event, summary: 'Otra' }))).toEqual({ status: 409, data: DUPLICATE });
    await api.events.delete({ calendarId: 'primary', eventId: 'abcde12345' }, auth);
    expect(await rejectionOf(insert(event))).toEqual({ status: 409, data: DUPLICATE });
    expect((await control<{ items: unknown[] }>(url, 'GET', `/calendars/${USER_EMAIL}/events`)).items).toHaveLength(1);
  });

  it('rejects ids that are not 5 to 1024 base32hex characters', async () => {
    for (const id of ['abcd', 'ABCDE12345', 'abcdw12345', 'abc-def-123', 'a'.repeat(1025)]) {
      const failure = await rejectionOf(insert(timedEvent('2026-04-06T08:00:00Z', '2026-04-06T09:00:00Z', { id })));
      expect(failure).toEqual({
        status: 400,
        data: { error: { code: 400, message: 'Invalid resource id value.', errors: [{ domain: 'global', reason: 'invalid', message: 'Invalid resource id value.' }] } },
      });
    }
    expect((await insert(timedEvent('2026-04-06T08:00:00Z', '2026-04-06T09:00:00Z', { id: 'v'.repeat(1024) }))).id).toHaveLength(1024);
  });

  it('validates start and end like Google', async () => {
    const cases: [calendar_v3.Schema$Event, string][] = [
      [timedEvent('2026-04-06T09:00:00Z', '2026-04-06T08:00:00Z'), 'timeRangeEmpty'],
      [timedEvent('2026-04-06T09:00:00Z', '2026-04-06T11:00:00+02:00'), 'timeRangeEmpty'],
      [{ start: { date: '2026-04-06' }, end: { date: '2026-04-06' } }, 'timeRangeEmpty'],
      [{ start: { dateTime: '2026-04-06T09:00:00Z' } }, 'required'],
      [{ end: { dateTime: '2026-04-06T09:00:00Z' } }, 'required'],
      [{ start: { dateTime: '2026-04-06T09:00:00' }, end: { dateTime: '2026-04-06T10:00:00' } }, 'required'],
      [timedEvent('2026-04-06 09:00', '2026-04-06T10:00:00Z'), 'invalid'],
      [{ start: { date: '2026-02-30' }, end: { date: '2026-03-01' } }, 'invalid'],
      [{ start: { date: '2026-04-06' }, end: { dateTime: '2026-04-07T00:00:00Z' } }, 'badRequest'],
      [{ start: { dateTime: '2026-04-06T09:00:00', timeZone: 'Nowhere/Land' }, end: { dateTime: '2026-04-06T10:00:00Z' } }, 'invalid'],
      [timedEvent('2026-04-06T09:00:00Z', '2026-04-06T10:00:00Z', { transparency: 'see-through' }), 'invalid'],
    ];
    for (const [event, reason] of cases) {
      const failure = await rejectionOf(insert(event));
      expect(failure.status, JSON.stringify(event)).toBe(400);
      expect(reasonOf(failure.data), JSON.stringify(event)).toBe(reason);
    }
    const empty = await rejectionOf(insert(timedEvent('2026-04-06T09:00:00Z', '2026-04-06T09:00:00Z')));
    expect((empty.data as { error: { message: string } }).error.message).toBe('The specified time range is empty.');
    expect((await control<{ items: unknown[] }>(url, 'GET', `/calendars/${USER_EMAIL}/events`)).items).toEqual([]);
  });

  it('accepts sendUpdates and rejects unknown values of it', async () => {
    const event = timedEvent('2026-04-06T08:00:00Z', '2026-04-06T09:00:00Z');
    expect((await api.events.insert({ calendarId: 'primary', sendUpdates: 'none', requestBody: event }, auth)).status).toBe(200);
    const failure = await rejectionOf(api.events.insert({ calendarId: 'primary', sendUpdates: 'everyone', requestBody: event }, auth));
    expect(failure.status).toBe(400);
  });

  it('keeps each account’s calendar apart', async () => {
    await insert(timedEvent('2026-04-06T08:00:00Z', '2026-04-06T09:00:00Z', { id: 'shared0id01' }));
    const bruno = withToken(await calendarAccessToken(url, { email: 'bruno@example.com' }));
    expect((await api.events.list({ calendarId: 'primary' }, bruno)).data.items).toEqual([]);
    const own = await api.events.insert({ calendarId: 'primary', requestBody: timedEvent('2026-04-06T08:00:00Z', '2026-04-06T09:00:00Z', { id: 'shared0id01' }) }, bruno);
    expect(own.data.organizer?.email).toBe('bruno@example.com');
    expect(await rejectionOf(api.events.get({ calendarId: USER_EMAIL, eventId: 'shared0id01' }, bruno))).toMatchObject({ status: 404 });
  });
});

describe('events.list', () => {
  beforeEach(async () => {
    await insert(timedEvent('2026-04-06T09:00:00Z', '2026-04-06T10:00:00Z', { id: 'eventa0001' }));
    await insert(timedEvent('2026-04-06T10:00:00Z', '2026-04-06T11:00:00Z', { id: 'eventb0001' }));
    await insert(timedEvent('2026-04-06T11:00:00Z', '2026-04-06T12:00:00Z', { id: 'eventc0001' }));
  });

  it('answers in Google’s shape', async () => {
    const page = await list();
    expect(page).toMatchObject({ kind: 'calendar#events', summary: USER_EMAIL, timeZone: 'Europe/Madrid', accessRole: 'owner' });
    expect(page.updated).toMatch(/Z$/);
    expect(page.nextPageToken).toBeUndefined();
    expect(page.items?.map((event) => event.id)).toEqual(['eventa0001', 'eventb0001', 'eventc0001']);
    const inNewYork = await list({ timeZone: 'America/New_York' });
    expect(inNewYork.timeZone).toBe('America/New_York');
    expect(inNewYork.items?.[0]?.start).toEqual({ dateTime: '2026-04-06T05:00:00-04:00' });
  });

  it('keeps events ending after timeMin and starting before timeMax (both bounds exclusive)', async () => {
    expect(await listIds({ timeMin: '2026-04-06T10:00:00Z', timeMax: '2026-04-06T11:00:00Z' })).toEqual(['eventb0001']);
    expect(await listIds({ timeMin: '2026-04-06T09:59:59Z', timeMax: '2026-04-06T11:00:01Z' })).toEqual(['eventa0001', 'eventb0001', 'eventc0001']);
    expect(await listIds({ timeMin: '2026-04-06T12:00:00+02:00', timeMax: '2026-04-06T13:00:00+02:00' })).toEqual(['eventb0001']);
    expect(await listIds({ timeMin: '2026-04-06T11:30:00Z' })).toEqual(['eventc0001']);
    expect(await listIds({ timeMax: '2026-04-06T09:30:00Z' })).toEqual(['eventa0001']);
  });

  it('places all-day events by the calendar’s time zone', async () => {
    await insert({ id: 'tododia001', summary: 'Vacaciones', start: { date: '2026-03-29' }, end: { date: '2026-03-30' } });
    const window = { timeMin: '2026-03-29T21:59:59Z', timeMax: '2026-03-31T00:00:00Z' };
    expect(await listIds(window)).toEqual(['tododia001']);
    expect(await listIds({ ...window, timeMin: '2026-03-29T22:00:00Z' })).toEqual([]);
    expect(await listIds({ timeMin: '2026-03-27T00:00:00Z', timeMax: '2026-03-28T23:00:00Z' })).toEqual([]);
    expect(await listIds({ timeMin: '2026-03-27T00:00:00Z', timeMax: '2026-03-28T23:00:01Z' })).toEqual(['tododia001']);
  });

  it('rejects bad bounds', async () => {
    for (const params of [
      { timeMin: '2026-04-06T11:00:00Z', timeMax: '2026-04-06T11:00:00Z' },
      { timeMin: '2026-04-06T11:00:00Z', timeMax: '2026-04-06T10:00:00Z' },
    ]) {
      const failure = await rejectionOf(list(params));
      expect(failure.status).toBe(400);
      expect(reasonOf(failure.data)).toBe('timeRangeEmpty');
    }
    for (const timeMin of ['2026-04-06T11:00:00', '2026-04-06', 'yesterday']) {
      expect((await rejectionOf(list({ timeMin }))).status).toBe(400);
    }
  });

  it('filters by every privateExtendedProperty given', async () => {
    await api.events.patch({ calendarId: 'primary', eventId: 'eventa0001', requestBody: { extendedProperties: { private: { agendo: 'booking', agendo_customer: 'c1' } } } }, auth);
    await api.events.patch({ calendarId: 'primary', eventId: 'eventb0001', requestBody: { extendedProperties: { private: { agendo: 'booking', agendo_customer: 'c2' } } } }, auth);
    await api.events.patch({ calendarId: 'primary', eventId: 'eventc0001', requestBody: { extendedProperties: { shared: { agendo: 'booking' } } } }, auth);

    expect(await listIds({ privateExtendedProperty: ['agendo=booking', 'agendo_customer=c1'] })).toEqual(['eventa0001']);
    expect(await listIds({ privateExtendedProperty: ['agendo=booking'] })).toEqual(['eventa0001', 'eventb0001']);
    expect(await listIds({ privateExtendedProperty: ['agendo=booking', 'agendo_customer=c3'] })).toEqual([]);
    expect(await listIds({ sharedExtendedProperty: ['agendo=booking'] })).toEqual(['eventc0001']);
    expect((await rejectionOf(list({ privateExtendedProperty: ['agendo'] }))).status).toBe(400);
  });

  it('hides cancelled events unless showDeleted', async () => {
    await api.events.delete({ calendarId: 'primary', eventId: 'eventb0001' }, auth);
    expect(await listIds()).toEqual(['eventa0001', 'eventc0001']);
    expect(await listIds({ showDeleted: false })).toEqual(['eventa0001', 'eventc0001']);
    const withDeleted = await list({ showDeleted: true });
    expect(withDeleted.items?.map((event) => [event.id, event.status])).toEqual([
      ['eventa0001', 'confirmed'],
      ['eventb0001', 'cancelled'],
      ['eventc0001', 'confirmed'],
    ]);
  });

  it('orders by start time (single events only) or by last change', async () => {
    await insert(timedEvent('2026-04-06T07:00:00Z', '2026-04-06T08:00:00Z', { id: 'first00001' }));
    await insert({ id: 'tododia002', start: { date: '2026-04-06' }, end: { date: '2026-04-07' } });
    expect(await listIds({ singleEvents: true, orderBy: 'startTime' })).toEqual(['tododia002', 'first00001', 'eventa0001', 'eventb0001', 'eventc0001']);

    const failure = await rejectionOf(list({ orderBy: 'startTime' }));
    expect(failure.status).toBe(400);
    expect(reasonOf(failure.data)).toBe('badRequest');
    expect((await rejectionOf(list({ orderBy: 'summary' }))).status).toBe(400);

    await api.events.patch({ calendarId: 'primary', eventId: 'eventa0001', requestBody: { summary: 'Cambiada' } }, auth);
    expect(await listIds({ orderBy: 'updated' })).toEqual(['eventb0001', 'eventc0001', 'first00001', 'tododia002', 'eventa0001']);
  });

  it('pages with maxResults and nextPageToken', async () => {
    await insert(timedEvent('2026-04-06T12:00:00Z', '2026-04-06T13:00:00Z', { id: 'eventd0001' }));
    await insert(timedEvent('2026-04-06T08:00:00Z', '2026-04-06T09:00:00Z', { id: 'evente0001' }));
    const query = { singleEvents: true, orderBy: 'startTime', maxResults: 2 } as const;
    const pages: string[][] = [];
    let pageToken: string | undefined;
    do {
      const page = await list({ ...query, ...(pageToken === undefined ? {} : { pageToken }) });
      pages.push((page.items ?? []).map((event) => event.id ?? ''));
      pageToken = page.nextPageToken ?? undefined;
    } while (pageToken !== undefined && pages.length < 10);
    expect(pages).toEqual([['evente0001', 'eventa0001'], ['eventb0001', 'eventc0001'], ['eventd0001']]);

    const first = await list(query);
    expect((await rejectionOf(list({ ...query, pageToken: 'bm9wZQ' }))).status).toBe(400);
    expect((await rejectionOf(list({ maxResults: 2, pageToken: first.nextPageToken ?? '' }))).status).toBe(400); // other filters
    expect((await rejectionOf(list({ maxResults: 0 }))).status).toBe(400);
    expect((await list({ maxResults: 5000 })).items).toHaveLength(5);
  });
});

describe('events.get, events.patch and events.delete', () => {
  it('gets an event as inserted, and 404 for unknown ones', async () => {
    const created = await insert(timedEvent('2026-04-06T08:00:00Z', '2026-04-06T09:00:00Z', { id: 'getme00001', location: 'Calle Mayor 1' }));
    expect((await api.events.get({ calendarId: 'primary', eventId: 'getme00001' }, auth)).data).toEqual(created);
    expect((await api.events.get({ calendarId: USER_EMAIL, eventId: 'getme00001' }, auth)).data.id).toBe('getme00001');
    expect(await rejectionOf(api.events.get({ calendarId: 'primary', eventId: 'unknown001' }, auth))).toEqual({ status: 404, data: NOT_FOUND });
  });

  it('patches top-level fields and merges private extended properties key by key', async () => {
    const created = await insert(
      timedEvent('2026-04-06T08:00:00Z', '2026-04-06T09:00:00Z', {
        id: 'patchme001',
        summary: 'Antes',
        description: 'Notas',
        location: 'Sala 1',
        extendedProperties: { private: { a: '1', b: '2' } },
      }),
    );
    const { data: patched } = await api.events.patch(
      {
        calendarId: 'primary',
        eventId: 'patchme001',
        sendUpdates: 'none',
        requestBody: {
          summary: 'Después',
          location: null as unknown as string,
          start: { dateTime: '2026-04-06T12:00:00', timeZone: 'Europe/Madrid' },
          end: { dateTime: '2026-04-06T13:30:00', timeZone: 'Europe/Madrid' },
          extendedProperties: { private: { b: '3', c: '4' } },
        },
      },
      auth,
    );
    expect(patched).toMatchObject({
      id: 'patchme001',
      summary: 'Después',
      description: 'Notas',
      start: { dateTime: '2026-04-06T12:00:00+02:00', timeZone: 'Europe/Madrid' },
      end: { dateTime: '2026-04-06T13:30:00+02:00', timeZone: 'Europe/Madrid' },
      extendedProperties: { private: { a: '1', b: '3', c: '4' } },
      sequence: 1,
      created: created.created,
    });
    expect(patched.location).toBeUndefined();
    expect(patched.etag).not.toBe(created.etag);
    expect(Date.parse(patched.updated ?? '')).toBeGreaterThanOrEqual(Date.parse(created.updated ?? ''));
    expect((await api.events.get({ calendarId: 'primary', eventId: 'patchme001' }, auth)).data).toEqual(patched);
  });

  it('refuses a patch that empties the time range, and leaves the event unchanged', async () => {
    const created = await insert(timedEvent('2026-04-06T08:00:00Z', '2026-04-06T09:00:00Z', { id: 'patchme002' }));
    const failure = await rejectionOf(api.events.patch({ calendarId: 'primary', eventId: 'patchme002', requestBody: { start: { dateTime: '2026-04-06T09:30:00Z' } } }, auth));
    expect(failure.status).toBe(400);
    expect(reasonOf(failure.data)).toBe('timeRangeEmpty');
    expect((await api.events.get({ calendarId: 'primary', eventId: 'patchme002' }, auth)).data).toEqual(created);
    expect(await rejectionOf(api.events.patch({ calendarId: 'primary', eventId: 'unknown001', requestBody: { summary: 'x' } }, auth))).toEqual({
      status: 404,
      data: NOT_FOUND,
    });
  });

  it('deletes by cancelling: 204, then the event reads as cancelled, and a second delete is 410', async () => {
    await insert(timedEvent('2026-04-06T08:00:00Z', '2026-04-06T09:00:00Z', { id: 'deleteme01', summary: 'Cita' }));
    const deleted = await api.events.delete({ calendarId: 'primary', eventId: 'deleteme01', sendUpdates: 'none' }, auth);
    expect(deleted.status).toBe(204);
    expect(deleted.data).toBe('');

    const { data: cancelled } = await api.events.get({ calendarId: 'primary', eventId: 'deleteme01' }, auth);
    expect(cancelled).toMatchObject({ id: 'deleteme01', status: 'cancelled', summary: 'Cita' });
    expect(await rejectionOf(api.events.delete({ calendarId: 'primary', eventId: 'deleteme01' }, auth))).toEqual({ status: 410, data: GONE });
    expect(await rejectionOf(api.events.delete({ calendarId: 'primary', eventId: 'unknown001' }, auth))).toEqual({ status: 404, data: NOT_FOUND });

    const restored = await api.events.patch({ calendarId: 'primary', eventId: 'deleteme01', requestBody: { status: 'confirmed' } }, auth);
    expect(restored.data.status).toBe('confirmed');
    expect(await listIds()).toEqual(['deleteme01']);
  });
});

describe('control API for calendars', () => {
  it('seeds events without a token, lists them all (cancelled included) and forgets them on reset', async () => {
    const seeded = await control<calendar_v3.Schema$Event>(url, 'POST', `/calendars/${encodeURIComponent('Ana@Example.com')}/events`, {
      summary: 'Dentista',
      start: { dateTime: '2026-04-07T10:00:00', timeZone: 'Europe/Madrid' },
      end: { dateTime: '2026-04-07T11:00:00', timeZone: 'Europe/Madrid' },
    });
    expect(seeded).toMatchObject({ kind: 'calendar#event', summary: 'Dentista', organizer: { email: USER_EMAIL } });
    expect(await listIds()).toEqual([seeded.id]);
    await api.events.delete({ calendarId: 'primary', eventId: seeded.id ?? '' }, auth);
    const all = await control<{ id: string; timeZone: string; items: calendar_v3.Schema$Event[] }>(url, 'GET', `/calendars/${USER_EMAIL}/events`);
    expect(all).toMatchObject({ id: USER_EMAIL, timeZone: 'Europe/Madrid' });
    expect(all.items.map((event) => event.status)).toEqual(['cancelled']);

    const invalid = await fetch(`${url}/__emulator/calendars/${USER_EMAIL}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ start: { date: '2026-04-07' } }),
    });
    expect(invalid.status).toBe(400);
    expect(reasonOf((await invalid.json()) as Record<string, unknown>)).toBe('required');

    expect(await control(url, 'GET', '/state')).toMatchObject({ calendars: 1, events: 1 });
    await control(url, 'POST', '/reset');
    expect(await control(url, 'GET', '/state')).toMatchObject({ calendars: 0, events: 0 });
    expect((await control<{ items: unknown[] }>(url, 'GET', `/calendars/${USER_EMAIL}/events`)).items).toEqual([]);
  });
});

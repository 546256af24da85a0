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

const BOOKING = timedEvent('2026-04-06T09:00:00Z', '2026-04-06T10:00:00Z', { id: 'booking0001', summary: 'Reserva' });
const BACKEND_ERROR = { error: { code: 503, message: 'Backend Error', errors: [{ domain: 'global', reason: 'backendError', message: 'Backend Error' }] } };

async function storedEvents(): Promise<calendar_v3.Schema$Event[]> {
  return (await control<{ items: calendar_v3.Schema$Event[] }>(url, 'GET', `/calendars/${USER_EMAIL}/events`)).items;
}

async function counts(): Promise<Record<string, number>> {
  return (await control<{ counts: Record<string, number> }>(url, 'GET', '/requests')).counts;
}

function insert(event: calendar_v3.Schema$Event = BOOKING) {
  return api.events.insert({ calendarId: 'primary', sendUpdates: 'none', requestBody: event }, auth);
}

describe('fault modes on Calendar endpoints', () => {
  it('`before` (the default) answers the fault without running the handler: nothing is stored', async () => {
    await control(url, 'POST', '/faults', { endpoint: 'calendar.events.insert', status: 503 });
    expect(await rejectionOf(insert())).toEqual({ status: 503, data: BACKEND_ERROR });
    expect(await storedEvents()).toEqual([]);
    expect((await insert()).data.id).toBe('booking0001');
    expect((await counts())['calendar.events.insert']).toBe(2);
  });

  it('`after` stores the event, then answers the fault (a lost response); the retry gets 409', async () => {
    const { fault } = await control<{ fault: unknown }>(url, 'POST', '/faults', { endpoint: 'calendar.events.insert', status: 503, mode: 'after' });
    expect(fault).toEqual({ endpoint: 'calendar.events.insert', status: 503, mode: 'after', remaining: 1 });
    expect(await rejectionOf(insert())).toEqual({ status: 503, data: BACKEND_ERROR });
    expect((await storedEvents()).map((event) => [event.id, event.summary, event.status])).toEqual([['booking0001', 'Reserva', 'confirmed']]);

    const retry = await rejectionOf(insert());
    expect(retry.status).toBe(409);
    expect(JSON.stringify(retry.data)).toContain('"reason":"duplicate"');
    expect((await api.events.get({ calendarId: 'primary', eventId: 'booking0001' }, auth)).data.summary).toBe('Reserva');
  });

  it('`after` on delete cancels the event but answers the fault instead of 204; the retry gets 410', async () => {
    await insert();
    await control(url, 'POST', '/faults', { endpoint: 'calendar.events.delete', status: 500, mode: 'after', retryAfter: 2 });
    const response = await fetch(`${url}/calendar/v3/calendars/primary/events/booking0001`, { method: 'DELETE', headers: auth.headers });
    expect(response.status).toBe(500);
    expect(response.headers.get('retry-after')).toBe('2');
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({
      error: { code: 500, message: 'Backend Error', errors: [{ domain: 'global', reason: 'backendError', message: 'Backend Error' }] },
    });
    expect((await storedEvents())[0]?.status).toBe('cancelled');
    expect((await rejectionOf(api.events.delete({ calendarId: 'primary', eventId: 'booking0001' }, auth))).status).toBe(410);
  });

  it('sends Retry-After, and Google’s rate-limit bodies by default or as given', async () => {
    await control(url, 'POST', '/faults', { endpoint: 'calendar.freebusy.query', status: 429, retryAfter: 3 });
    const freeBusy = await fetch(`${url}/calendar/v3/freeBusy`, {
      method: 'POST',
      headers: { ...auth.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ timeMin: '2026-04-06T00:00:00Z', timeMax: '2026-04-07T00:00:00Z', items: [{ id: 'primary' }] }),
    });
    expect(freeBusy.status).toBe(429);
    expect(freeBusy.headers.get('retry-after')).toBe('3');
    expect(await freeBusy.json()).toEqual({
      error: { code: 429, message: 'Rate Limit Exceeded', errors: [{ domain: 'usageLimits', reason: 'rateLimitExceeded', message: 'Rate Limit Exceeded' }] },
    });

    const rateLimited = {
      error: { code: 403, message: 'Rate Limit Exceeded', errors: [{ domain: 'usageLimits', reason: 'userRateLimitExceeded', message: 'Rate Limit Exceeded' }] },
    };
    await control(url, 'POST', '/faults', { endpoint: 'calendar.events.list', status: 403, retryAfter: 1, body: rateLimited, count: 2 });
    for (let attempt = 0; attempt < 2; attempt++) {
      const failure = (await api.events.list({ calendarId: 'primary' }, auth).catch((error: unknown) => error)) as {
        status?: number;
        response?: { data: unknown; headers: Headers };
      };
      expect(failure.status).toBe(403);
      expect(failure.response?.data).toEqual(rateLimited);
      expect(failure.response?.headers.get('retry-after')).toBe('1');
    }
    expect((await api.events.list({ calendarId: 'primary' }, auth)).status).toBe(200);
  });

  it('applies latency, and lets the client’s own retries get through a `before` fault', async () => {
    await control(url, 'POST', '/faults', { endpoint: 'calendar.calendars.get', latencyMs: 250 });
    const started = Date.now();
    await api.calendars.get({ calendarId: 'primary' }, auth);
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);

    await control(url, 'POST', '/faults', { endpoint: 'calendar.events.get', status: 503, count: 2 });
    await insert();
    const { data } = await api.events.get({ calendarId: 'primary', eventId: 'booking0001' }, { headers: auth.headers }); // gaxios retries GETs
    expect(data.id).toBe('booking0001');
    expect((await counts())['calendar.events.get']).toBe(3);
  });

  it('validates the mode', async () => {
    for (const body of [
      { endpoint: 'calendar.events.insert', status: 503, mode: 'sideways' },
      { endpoint: 'calendar.events.insert', mode: 'after' },
      { endpoint: 'calendar.events.insert', mode: 'after', latencyMs: 10 },
    ]) {
      const response = await fetch(`${url}/__emulator/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
    await control(url, 'POST', '/faults', { endpoint: 'calendar.events.insert', mode: 'before', latencyMs: 10 });
    expect((await control<{ faults: unknown[] }>(url, 'GET', '/faults')).faults).toEqual([{ endpoint: 'calendar.events.insert', mode: 'before', latencyMs: 10, remaining: 1 }]);
  });
});

describe('request counts on Calendar endpoints', () => {
  it('counts each method under its own endpoint name, failures included', async () => {
    await control(url, 'DELETE', '/requests');
    const zero = await counts();
    const calendarNames = Object.keys(zero).filter((name) => name.startsWith('calendar.'));
    expect(calendarNames).toEqual([
      'calendar.calendars.get',
      'calendar.channels.stop',
      'calendar.events.delete',
      'calendar.events.get',
      'calendar.events.insert',
      'calendar.events.list',
      'calendar.events.patch',
      'calendar.events.watch',
      'calendar.freebusy.query',
    ]);
    expect(calendarNames.map((name) => zero[name])).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0]);

    await api.calendars.get({ calendarId: 'primary' }, auth);
    await insert();
    await rejectionOf(insert()); // 409
    await api.events.list({ calendarId: 'primary' }, auth);
    await api.events.list({ calendarId: 'primary', showDeleted: true }, auth);
    await api.events.get({ calendarId: 'primary', eventId: 'booking0001' }, auth);
    await api.events.patch({ calendarId: 'primary', eventId: 'booking0001', requestBody: { summary: 'Cambiada' } }, auth);
    await api.events.delete({ calendarId: 'primary', eventId: 'booking0001' }, auth);
    await fetch(`${url}/calendar/v3/freeBusy`, { method: 'POST' }); // 401
    expect(await counts()).toMatchObject({
      'calendar.calendars.get': 1,
      'calendar.events.insert': 2,
      'calendar.events.list': 2,
      'calendar.events.get': 1,
      'calendar.events.patch': 1,
      'calendar.events.delete': 1,
      'calendar.freebusy.query': 1,
    });
  });
});

import type { calendar_v3 } from '@googleapis/calendar';
import { describe, expect, it } from 'vitest';
import { calendarAccessToken, calendarApi, timedEvent, withToken } from './calendar-fixtures.js';
import { control, rejectionOf, USER_EMAIL, useEmulator } from './fixtures.js';

let url: string;
let api: calendar_v3.Calendar;

useEmulator((started) => {
  url = started;
  api = calendarApi(url);
});

const INVALID_CREDENTIALS = {
  error: {
    code: 401,
    message: expect.stringMatching(/^Request had invalid authentication credentials\./),
    errors: [{ message: 'Invalid Credentials', domain: 'global', reason: 'authError', location: 'Authorization', locationType: 'header' }],
    status: 'UNAUTHENTICATED',
  },
};
const INSUFFICIENT_PERMISSIONS = {
  error: {
    code: 403,
    message: 'Request had insufficient authentication scopes.',
    errors: [{ message: 'Insufficient Permission', domain: 'global', reason: 'insufficientPermissions' }],
    status: 'PERMISSION_DENIED',
  },
};
const WINDOW = { timeMin: '2026-04-06T00:00:00Z', timeMax: '2026-04-07T00:00:00Z' };

/** One call of every Calendar method, as Agendo makes them. */
function everyMethod(options: ReturnType<typeof withToken>): Record<string, () => Promise<unknown>> {
  return {
    'calendars.get': () => api.calendars.get({ calendarId: 'primary' }, options),
    'events.list': () => api.events.list({ calendarId: 'primary', ...WINDOW }, options),
    'events.get': () => api.events.get({ calendarId: 'primary', eventId: 'presente01' }, options),
    'events.insert': () => api.events.insert({ calendarId: 'primary', requestBody: timedEvent('2026-04-06T09:00:00Z', '2026-04-06T10:00:00Z') }, options),
    'events.patch': () => api.events.patch({ calendarId: 'primary', eventId: 'presente01', requestBody: { summary: 'x' } }, options),
    'events.delete': () => api.events.delete({ calendarId: 'primary', eventId: 'presente01' }, options),
    'freebusy.query': () => api.freebusy.query({ requestBody: { ...WINDOW, items: [{ id: 'primary' }] } }, options),
  };
}

async function seedExisting(): Promise<void> {
  await control(url, 'POST', `/calendars/${USER_EMAIL}/events`, timedEvent('2026-04-06T11:00:00Z', '2026-04-06T12:00:00Z', { id: 'presente01' }));
}

describe('Calendar authentication', () => {
  it('works with the narrow scopes Agendo asks for', async () => {
    await seedExisting();
    const auth = withToken(await calendarAccessToken(url));
    for (const [method, call] of Object.entries(everyMethod(auth))) {
      await expect(call(), method).resolves.toBeDefined();
    }
  });

  it('answers 401 authError for a missing, malformed or unknown token', async () => {
    for (const authorization of [undefined, 'Basic Zm9vOmJhcg==', 'Bearer ya29.made-up']) {
      const response = await fetch(`${url}/calendar/v3/calendars/primary/events`, authorization === undefined ? {} : { headers: { authorization } });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm="https:\/\/accounts\.google\.com\/", error="invalid_token"/);
      expect(await response.json()).toEqual(INVALID_CREDENTIALS);
    }
  });

  it('answers 401 on every method once the access token expired', async () => {
    await seedExisting();
    const auth = withToken(await calendarAccessToken(url));
    expect(await control(url, 'POST', '/tokens/expire', { email: USER_EMAIL })).toEqual({ expired: 1 });
    for (const [method, call] of Object.entries(everyMethod(auth))) {
      expect(await rejectionOf(call()), method).toEqual({ status: 401, data: INVALID_CREDENTIALS });
    }
    expect((await control<{ items: unknown[] }>(url, 'GET', `/calendars/${USER_EMAIL}/events`)).items).toHaveLength(1);
  });

  it('answers 401 once the user is revoked', async () => {
    const auth = withToken(await calendarAccessToken(url));
    await api.calendars.get({ calendarId: 'primary' }, auth);
    await control(url, 'POST', `/users/${USER_EMAIL}/revoke`);
    expect(await rejectionOf(api.calendars.get({ calendarId: 'primary' }, auth))).toEqual({ status: 401, data: INVALID_CREDENTIALS });
    expect((await rejectionOf(everyMethod(auth)['freebusy.query']?.() ?? Promise.resolve())).status).toBe(401);
  });

  it('answers 403 insufficientPermissions to a token without Calendar scopes', async () => {
    await seedExisting();
    const auth = withToken(await calendarAccessToken(url, { scopes: ['openid', 'email'] }));
    for (const [method, call] of Object.entries(everyMethod(auth))) {
      expect(await rejectionOf(call()), method).toEqual({ status: 403, data: INSUFFICIENT_PERMISSIONS });
    }
    const raw = await fetch(`${url}/calendar/v3/calendars/primary`, { headers: auth.headers });
    expect(raw.headers.get('www-authenticate')).toMatch(/error="insufficient_scope"/);
    expect((await control<{ items: unknown[] }>(url, 'GET', `/calendars/${USER_EMAIL}/events`)).items).toHaveLength(1);
  });

  it('checks each method’s scopes', async () => {
    await seedExisting();
    const allowed = async (scopes: string[]): Promise<string[]> => {
      const auth = withToken(await calendarAccessToken(url, { scopes }));
      const ok: string[] = [];
      for (const [method, call] of Object.entries(everyMethod(auth))) {
        try {
          await call();
          ok.push(method);
        } catch (error) {
          expect((error as { status?: number }).status, method).toBe(403);
        }
      }
      return ok;
    };
    const scope = (name: string) => `https://www.googleapis.com/auth/${name}`;
    expect(await allowed([scope('calendar.calendars.readonly')])).toEqual(['calendars.get']);
    expect(await allowed([scope('calendar.events.freebusy')])).toEqual(['freebusy.query']);
    expect(await allowed([scope('calendar.freebusy')])).toEqual(['freebusy.query']);
    expect(await allowed([scope('calendar.events.readonly')])).toEqual(['events.list', 'events.get', 'freebusy.query']);
    expect(await allowed([scope('calendar.events.owned')])).toEqual(['events.list', 'events.get', 'events.insert', 'events.patch', 'events.delete', 'freebusy.query']);
    await control(url, 'POST', '/reset');
    await seedExisting();
    expect(await allowed([scope('calendar')])).toHaveLength(7);
  });
});

describe('Calendar API errors', () => {
  it('answers malformed JSON and unknown paths in Google’s error shape', async () => {
    const auth = withToken(await calendarAccessToken(url));
    const malformed = await fetch(`${url}/calendar/v3/calendars/primary/events`, {
      method: 'POST',
      headers: { ...auth.headers, 'content-type': 'application/json' },
      body: '{"summary": ',
    });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: { code: 400, errors: [{ domain: 'global', reason: 'badRequest' }] } });

    const notObject = await fetch(`${url}/calendar/v3/calendars/primary/events`, {
      method: 'POST',
      headers: { ...auth.headers, 'content-type': 'application/json' },
      body: '[1, 2]',
    });
    expect(notObject.status).toBe(400);

    const unknown = await fetch(`${url}/calendar/v3/users/me/calendarList`, { headers: auth.headers });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: { code: 404, message: 'Not Found', errors: [{ domain: 'global', reason: 'notFound', message: 'Not Found' }] } });
  });
});

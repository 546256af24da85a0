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

async function insert(event: calendar_v3.Schema$Event): Promise<string> {
  return (await api.events.insert({ calendarId: 'primary', requestBody: event }, auth)).data.id ?? '';
}

async function freeBusy(requestBody: calendar_v3.Schema$FreeBusyRequest): Promise<calendar_v3.Schema$FreeBusyResponse> {
  return (await api.freebusy.query({ requestBody }, auth)).data;
}

async function busyOfPrimary(timeMin: string, timeMax: string): Promise<calendar_v3.Schema$TimePeriod[] | undefined> {
  return (await freeBusy({ timeMin, timeMax, items: [{ id: 'primary' }] })).calendars?.primary?.busy;
}

describe('freebusy.query', () => {
  it('merges overlapping and touching events, clips to the window, and skips free and cancelled ones', async () => {
    await insert(timedEvent('2026-04-06T07:00:00Z', '2026-04-06T08:30:00Z')); // starts before the window
    await insert(timedEvent('2026-04-06T09:00:00Z', '2026-04-06T10:00:00Z'));
    await insert(timedEvent('2026-04-06T09:30:00Z', '2026-04-06T11:00:00Z')); // overlaps the previous one
    await insert(timedEvent('2026-04-06T11:00:00Z', '2026-04-06T11:30:00Z')); // touches it
    await insert(timedEvent('2026-04-06T12:00:00Z', '2026-04-06T13:00:00Z', { transparency: 'transparent' }));
    const cancelled = await insert(timedEvent('2026-04-06T14:00:00Z', '2026-04-06T15:00:00Z'));
    await api.events.delete({ calendarId: 'primary', eventId: cancelled }, auth);
    await insert({ ...timedEvent('2026-04-06T15:00:00+02:00', '2026-04-06T16:00:00+02:00'), status: 'tentative' });
    await insert(timedEvent('2026-04-06T17:30:00Z', '2026-04-06T19:00:00Z')); // ends after the window
    await insert(timedEvent('2026-04-06T18:00:00Z', '2026-04-06T19:00:00Z')); // after the window (timeMax exclusive)

    const response = await freeBusy({ timeMin: '2026-04-06T08:00:00Z', timeMax: '2026-04-06T18:00:00Z', items: [{ id: 'primary' }] });
    expect(response).toEqual({
      kind: 'calendar#freeBusy',
      timeMin: '2026-04-06T08:00:00.000Z',
      timeMax: '2026-04-06T18:00:00.000Z',
      calendars: {
        primary: {
          busy: [
            { start: '2026-04-06T08:00:00Z', end: '2026-04-06T08:30:00Z' },
            { start: '2026-04-06T09:00:00Z', end: '2026-04-06T11:30:00Z' },
            { start: '2026-04-06T13:00:00Z', end: '2026-04-06T14:00:00Z' },
            { start: '2026-04-06T17:30:00Z', end: '2026-04-06T18:00:00Z' },
          ],
        },
      },
    });
  });

  it('spans an all-day event from midnight to midnight in the calendar’s zone (23 hours on the DST day)', async () => {
    await insert({ summary: 'Vacaciones', start: { date: '2026-03-29' }, end: { date: '2026-03-30' } });
    expect(await busyOfPrimary('2026-03-28T00:00:00Z', '2026-03-31T00:00:00Z')).toEqual([{ start: '2026-03-28T23:00:00Z', end: '2026-03-29T22:00:00Z' }]);

    await control(url, 'PUT', `/calendars/${USER_EMAIL}`, { timeZone: 'America/New_York' });
    expect(await busyOfPrimary('2026-03-28T00:00:00Z', '2026-03-31T00:00:00Z')).toEqual([{ start: '2026-03-29T04:00:00Z', end: '2026-03-30T04:00:00Z' }]);
  });

  it('answers for the account’s email like for primary, and notFound for other calendars', async () => {
    await insert(timedEvent('2026-04-06T09:00:00Z', '2026-04-06T10:00:00Z'));
    const response = await freeBusy({
      timeMin: '2026-04-06T00:00:00Z',
      timeMax: '2026-04-07T00:00:00Z',
      items: [{ id: 'primary' }, { id: 'Ana@Example.com' }, { id: 'bruno@example.com' }],
    });
    const busy = [{ start: '2026-04-06T09:00:00Z', end: '2026-04-06T10:00:00Z' }];
    expect(response.calendars).toEqual({
      primary: { busy },
      'Ana@Example.com': { busy },
      'bruno@example.com': { errors: [{ domain: 'global', reason: 'notFound' }], busy: [] },
    });
  });

  it('writes busy times in the requested time zone', async () => {
    await insert(timedEvent('2026-04-06T09:00:00Z', '2026-04-06T10:00:00Z'));
    const response = await freeBusy({ timeMin: '2026-04-06T00:00:00Z', timeMax: '2026-04-07T00:00:00Z', timeZone: 'Europe/Madrid', items: [{ id: 'primary' }] });
    expect(response.calendars?.primary?.busy).toEqual([{ start: '2026-04-06T11:00:00+02:00', end: '2026-04-06T12:00:00+02:00' }]);
  });

  it('rejects an empty or missing time range', async () => {
    const empty = await rejectionOf(freeBusy({ timeMin: '2026-04-06T10:00:00Z', timeMax: '2026-04-06T10:00:00Z', items: [{ id: 'primary' }] }));
    expect(empty).toEqual({
      status: 400,
      data: {
        error: {
          code: 400,
          message: 'The specified time range is empty.',
          errors: [{ domain: 'global', reason: 'timeRangeEmpty', message: 'The specified time range is empty.' }],
        },
      },
    });
    const missing = await rejectionOf(freeBusy({ timeMax: '2026-04-06T10:00:00Z', items: [{ id: 'primary' }] }));
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.data)).toContain('"reason":"required"');
    const badZone = await rejectionOf(freeBusy({ timeMin: '2026-04-06T09:00:00Z', timeMax: '2026-04-06T10:00:00Z', timeZone: 'Nowhere', items: [] }));
    expect(badZone.status).toBe(400);
  });
});

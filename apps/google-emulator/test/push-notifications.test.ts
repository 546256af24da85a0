import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { calendar_v3 } from '@googleapis/calendar';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../src/index.js';
import { calendarAccessToken, calendarApi, timedEvent, withToken } from './calendar-fixtures.js';
import { CLIENT, connectUser, control, createOAuthClient, OTHER_CLIENT, rejectionOf, USER_EMAIL } from './fixtures.js';
import { downReceiverUrl, type NotificationReceiver, startReceiver } from './notification-receiver.js';

const DAY_MS = 24 * 60 * 60 * 1000;

let emulator: RunningEmulator;
let url: string;
let api: calendar_v3.Calendar;
let auth: ReturnType<typeof withToken>;
const receivers: NotificationReceiver[] = [];
const folders: string[] = [];

async function start(stateFile?: string): Promise<void> {
  emulator = await startEmulator({ port: 0, clients: [CLIENT, OTHER_CLIENT], ...(stateFile === undefined ? {} : { stateFile }) });
  url = emulator.url;
  api = calendarApi(url);
}

beforeEach(async () => {
  await start();
  auth = withToken(await calendarAccessToken(url));
});
afterEach(async () => {
  await emulator.close();
  await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

async function receiver(answer: number | 'hang' = 200): Promise<NotificationReceiver> {
  const started = await startReceiver(answer);
  receivers.push(started);
  return started;
}

async function watch(requestBody: calendar_v3.Schema$Channel, calendarId = 'primary'): Promise<calendar_v3.Schema$Channel> {
  return (await api.events.watch({ calendarId, requestBody }, auth)).data;
}

async function insertThroughApi(hour: number): Promise<calendar_v3.Schema$Event> {
  const start = `2030-01-15T${String(hour).padStart(2, '0')}:00:00Z`;
  const end = `2030-01-15T${String(hour).padStart(2, '0')}:30:00Z`;
  return (await api.events.insert({ calendarId: 'primary', requestBody: timedEvent(start, end) }, auth)).data;
}

async function insertThroughControl(hour: number, email = USER_EMAIL): Promise<{ id: string }> {
  const start = `2030-01-16T${String(hour).padStart(2, '0')}:00:00Z`;
  return control<{ id: string }>(url, 'POST', `/calendars/${email}/events`, timedEvent(start, start.replace(':00:00Z', ':45:00Z')));
}

interface ChannelRow {
  id: string;
  delivered: number;
  failed: number;
  attempts: number;
  pending: number;
  lastStatus: number | null;
  lastError: string | null;
  messageNumber: number;
}

async function channels(): Promise<ChannelRow[]> {
  return (await control<{ channels: ChannelRow[] }>(url, 'GET', '/channels')).channels;
}

function reasonOf(data: Record<string, unknown>): string | undefined {
  return (data as { error?: { errors?: { reason?: string }[] } }).error?.errors?.[0]?.reason;
}

describe('events.watch', () => {
  it('answers an api#channel and then sends a sync message with Google’s headers', async () => {
    const inbox = await receiver();
    const before = Date.now();
    const channel = await watch({ id: 'channel-1', type: 'web_hook', address: inbox.url, token: 'secret=abc' });

    expect(channel).toEqual({
      kind: 'api#channel',
      id: 'channel-1',
      resourceId: expect.stringMatching(/^[\w-]{20,}$/),
      resourceUri: 'https://www.googleapis.com/calendar/v3/calendars/primary/events?alt=json',
      token: 'secret=abc',
      expiration: expect.stringMatching(/^\d+$/),
    });
    // No expiration asked: 7 days.
    expect(Number(channel.expiration)).toBeGreaterThanOrEqual(before + 7 * DAY_MS);
    expect(Number(channel.expiration)).toBeLessThanOrEqual(Date.now() + 7 * DAY_MS);

    const [sync] = await inbox.waitFor(1);
    expect(sync?.method).toBe('POST');
    expect(sync?.path).toBe('/google/notifications');
    expect(sync?.body).toBe('');
    expect(sync?.headers).toMatchObject({
      'x-goog-channel-id': 'channel-1',
      'x-goog-channel-token': 'secret=abc',
      'x-goog-channel-expiration': new Date(Number(channel.expiration)).toUTCString(),
      'x-goog-resource-id': channel.resourceId,
      'x-goog-resource-uri': channel.resourceUri,
      'x-goog-resource-state': 'sync',
      'x-goog-message-number': '1',
    });
    expect(sync?.headers['x-goog-channel-expiration']).toMatch(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
  });

  it('gives every channel on a calendar the same resourceId, clamps expirations to 7 days and honours params.ttl', async () => {
    const inbox = await receiver();
    const now = Date.now();
    const first = await watch({ id: 'a', type: 'webhook', address: inbox.url, expiration: String(now + 30 * DAY_MS) });
    const second = await watch({ id: 'b', type: 'web_hook', address: inbox.url, params: { ttl: '3600' } }, USER_EMAIL);
    const third = await watch({ id: 'c', type: 'web_hook', address: inbox.url, expiration: String(now + 60_000) });
    expect(second.resourceId).toBe(first.resourceId);
    expect(second.resourceUri).toBe(`https://www.googleapis.com/calendar/v3/calendars/${encodeURIComponent(USER_EMAIL)}/events?alt=json`);
    expect(first.token).toBeUndefined();
    expect(Number(first.expiration)).toBeLessThanOrEqual(Date.now() + 7 * DAY_MS);
    expect(Number(first.expiration)).toBeGreaterThanOrEqual(now + 7 * DAY_MS);
    expect(Math.abs(Number(second.expiration) - (now + 3_600_000))).toBeLessThan(5_000);
    expect(third.expiration).toBe(String(now + 60_000));
    const messages = await inbox.waitFor(3);
    expect(messages.every((message) => message.headers['x-goog-channel-token'] === undefined)).toBe(true);
    expect((await control(url, 'GET', '/state')).channels).toBe(3);
  });

  it('sends one exists message per change, through the Calendar API or the control API, numbered upwards', async () => {
    const inbox = await receiver();
    const other = await receiver();
    await watch({ id: 'mine', type: 'web_hook', address: inbox.url, token: 'tok' });
    await inbox.waitFor(1);

    const inserted = await insertThroughApi(9);
    await inbox.waitFor(2);
    await insertThroughControl(10);
    await inbox.waitFor(3);
    await api.events.patch({ calendarId: 'primary', eventId: inserted.id ?? '', requestBody: { summary: 'Movida' } }, auth);
    await inbox.waitFor(4);
    const owned = await insertThroughControl(11);
    await control(url, 'PATCH', `/calendars/${USER_EMAIL}/events/${owned.id}`, { summary: 'Cambiada en Google' });
    expect((await fetch(`${url}/__emulator/calendars/${USER_EMAIL}/events/${owned.id}`, { method: 'DELETE' })).status).toBe(204);
    await api.events.delete({ calendarId: 'primary', eventId: inserted.id ?? '' }, auth);
    await inbox.waitFor(8);

    // Another account's calendar changing sends nothing here; a failed write sends nothing.
    await watch({ id: 'mine-too', type: 'web_hook', address: other.url });
    await other.waitFor(1);
    await insertThroughControl(12, 'bruno@example.com');
    expect((await rejectionOf(api.events.delete({ calendarId: 'primary', eventId: inserted.id ?? '' }, auth))).status).toBe(410);
    await delay(300);

    expect(inbox.received.map((message) => message.headers['x-goog-resource-state'])).toEqual(['sync', 'exists', 'exists', 'exists', 'exists', 'exists', 'exists', 'exists']);
    expect(inbox.received.map((message) => Number(message.headers['x-goog-message-number']))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(inbox.received.every((message) => message.headers['x-goog-channel-token'] === 'tok' && message.body === '')).toBe(true);
    expect(other.received).toHaveLength(1);

    const [mine] = await channels();
    expect(mine).toMatchObject({ id: 'mine', delivered: 8, failed: 0, attempts: 8, pending: 0, lastStatus: 200, lastError: null, messageNumber: 8 });
  });

  it('refuses bad channels with Google’s errors', async () => {
    const inbox = await receiver();
    const cases: [calendar_v3.Schema$Channel, string][] = [
      [{ type: 'web_hook', address: inbox.url }, 'required'],
      [{ id: 'x'.repeat(65), type: 'web_hook', address: inbox.url }, 'invalid'],
      [{ id: 'x', address: inbox.url }, 'required'],
      [{ id: 'x', type: 'email', address: inbox.url }, 'push.channelTypeNotSupported'],
      [{ id: 'x', type: 'web_hook' }, 'required'],
      [{ id: 'x', type: 'web_hook', address: 'ftp://127.0.0.1/notifications' }, 'push.webhookUrlNotHttps'],
      [{ id: 'x', type: 'web_hook', address: 'not a url' }, 'push.webhookUrlNotHttps'],
      [{ id: 'x', type: 'web_hook', address: inbox.url, expiration: 'soon' }, 'invalid'],
      [{ id: 'x', type: 'web_hook', address: inbox.url, expiration: String(Date.now() - 1000) }, 'invalid'],
      [{ id: 'x', type: 'web_hook', address: inbox.url, params: { ttl: '-5' } }, 'invalid'],
    ];
    for (const [requestBody, reason] of cases) {
      const { status, data } = await rejectionOf(api.events.watch({ calendarId: 'primary', requestBody }, auth));
      expect({ requestBody, status, reason: reasonOf(data) }).toEqual({ requestBody, status: 400, reason });
      expect(data).toMatchObject({ error: { code: 400, errors: [{ domain: 'global', reason }] } });
    }

    await watch({ id: 'taken', type: 'web_hook', address: inbox.url });
    const twice = await rejectionOf(watch({ id: 'taken', type: 'web_hook', address: inbox.url }));
    expect(twice.status).toBe(400);
    expect(reasonOf(twice.data)).toBe('channelIdNotUnique');

    expect((await rejectionOf(watch({ id: 'y', type: 'web_hook', address: inbox.url }, 'bruno@example.com'))).status).toBe(404);
    const anonymous = await rejectionOf(api.events.watch({ calendarId: 'primary', requestBody: { id: 'z', type: 'web_hook', address: inbox.url } }));
    expect(anonymous.status).toBe(401);
    const signInOnly = withToken(await calendarAccessToken(url, { scopes: ['openid', 'email'] }));
    const forbidden = await rejectionOf(api.events.watch({ calendarId: 'primary', requestBody: { id: 'z', type: 'web_hook', address: inbox.url } }, signInOnly));
    expect(forbidden.status).toBe(403);
    expect(reasonOf(forbidden.data)).toBe('insufficientPermissions');

    expect(await channels()).toHaveLength(1);
    await inbox.waitFor(1);
    await delay(200);
    expect(inbox.received).toHaveLength(1);
  });
});

describe('channels.stop', () => {
  it('ends the channel: 204, no more messages, and 404 for it afterwards or for an unknown one', async () => {
    const inbox = await receiver();
    const witness = await receiver();
    const channel = await watch({ id: 'to-stop', type: 'web_hook', address: inbox.url });
    await watch({ id: 'still-on', type: 'web_hook', address: witness.url });
    await inbox.waitFor(1);

    const wrongResource = await rejectionOf(api.channels.stop({ requestBody: { id: 'to-stop', resourceId: 'nope' } }, auth));
    expect(wrongResource.status).toBe(404);
    expect(reasonOf(wrongResource.data)).toBe('notFound');

    const stopped = await api.channels.stop({ requestBody: { id: 'to-stop', resourceId: channel.resourceId ?? '' } }, auth);
    expect(stopped.status).toBe(204);
    await insertThroughApi(9);
    await insertThroughControl(10);
    // The channel left on gets both changes; the stopped one nothing after its sync message.
    await witness.waitFor(3);
    await delay(200);
    expect(inbox.received).toHaveLength(1);
    expect((await channels()).map((row) => row.id)).toEqual(['still-on']);

    expect((await rejectionOf(api.channels.stop({ requestBody: { id: 'to-stop', resourceId: channel.resourceId ?? '' } }, auth))).status).toBe(404);
    const missing = await rejectionOf(api.channels.stop({ requestBody: { resourceId: channel.resourceId ?? '' } }, auth));
    expect({ status: missing.status, reason: reasonOf(missing.data) }).toEqual({ status: 400, reason: 'required' });
    // Stopped, the id is free again.
    expect((await watch({ id: 'to-stop', type: 'web_hook', address: inbox.url })).id).toBe('to-stop');
  });

  it('only lets the client that opened a channel stop it', async () => {
    const inbox = await receiver();
    const channel = await watch({ id: 'shared-id', type: 'web_hook', address: inbox.url });
    const tokens = await connectUser(url, createOAuthClient(url, OTHER_CLIENT), {
      scopes: ['https://www.googleapis.com/auth/calendar.events.owned', 'openid', 'email'],
    });
    const otherAuth = withToken(tokens.access_token ?? '');
    const refused = await rejectionOf(api.channels.stop({ requestBody: { id: 'shared-id', resourceId: channel.resourceId ?? '' } }, otherAuth));
    expect(refused.status).toBe(404);
    // Channel ids are unique per client: the other client may use the same one.
    const theirs = (await api.events.watch({ calendarId: 'primary', requestBody: { id: 'shared-id', type: 'web_hook', address: inbox.url } }, otherAuth)).data;
    expect(theirs.resourceId).toBe(channel.resourceId);
    expect(await channels()).toHaveLength(2);
  });
});

describe('channel lifetime', () => {
  it('an expired channel sends nothing and is no longer listed', async () => {
    const inbox = await receiver();
    const witness = await receiver();
    await watch({ id: 'short', type: 'web_hook', address: inbox.url });
    await watch({ id: 'long', type: 'web_hook', address: witness.url });
    await inbox.waitFor(1);
    expect(await control(url, 'POST', '/channels/expire', { id: 'short' })).toEqual({ expired: 1 });
    await insertThroughApi(9);
    await insertThroughControl(10);
    await witness.waitFor(3);
    await delay(200);
    expect(inbox.received).toHaveLength(1);
    expect((await channels()).map((row) => row.id)).toEqual(['long']);
    expect((await control(url, 'GET', '/state')).channels).toBe(1);
  });

  it('a channel asked to expire in a second stops sending after it', async () => {
    const inbox = await receiver();
    const witness = await receiver();
    await watch({ id: 'one-second', type: 'web_hook', address: inbox.url, expiration: String(Date.now() + 1000) });
    await watch({ id: 'a-week', type: 'web_hook', address: witness.url });
    await inbox.waitFor(1);
    await delay(1100);
    await insertThroughApi(9);
    await witness.waitFor(2);
    await delay(200);
    expect(inbox.received).toHaveLength(1);
  });

  it('revoking the grant stops its channels; reset forgets them all', async () => {
    const inbox = await receiver();
    const witness = await receiver();
    await watch({ id: 'revoked', type: 'web_hook', address: inbox.url });
    const bruno = withToken(await calendarAccessToken(url, { email: 'bruno@example.com' }));
    await api.events.watch({ calendarId: 'primary', requestBody: { id: 'bruno', type: 'web_hook', address: witness.url } }, bruno);
    await inbox.waitFor(1);
    expect(await control(url, 'POST', `/users/${USER_EMAIL}/revoke`)).toEqual({ revoked: 1 });
    await insertThroughControl(10);
    await insertThroughControl(10, 'bruno@example.com');
    await witness.waitFor(2);
    await delay(200);
    expect(inbox.received).toHaveLength(1);
    expect((await channels()).map((row) => row.id)).toEqual(['bruno']);

    auth = withToken(await calendarAccessToken(url));
    await watch({ id: 'reset', type: 'web_hook', address: inbox.url });
    expect(await channels()).toHaveLength(2);
    await control(url, 'POST', '/reset');
    expect(await channels()).toEqual([]);
    expect((await control(url, 'GET', '/state')).channels).toBe(0);
  });
});

describe('failing receivers', () => {
  it('a receiver answering 500 gets 3 tries per message, and the change is answered at once', async () => {
    const inbox = await receiver(500);
    await watch({ id: 'failing', type: 'web_hook', address: inbox.url });
    await inbox.waitFor(3);

    const started = performance.now();
    await insertThroughApi(9);
    expect(performance.now() - started).toBeLessThan(200);
    await inbox.waitFor(6);
    await delay(1500);
    expect(inbox.received).toHaveLength(6);
    expect(inbox.received.map((message) => message.headers['x-goog-message-number'])).toEqual(['1', '1', '1', '2', '2', '2']);
    expect((await channels())[0]).toMatchObject({ delivered: 0, failed: 2, attempts: 6, pending: 0, lastStatus: 500, lastError: 'HTTP 500' });
  });

  it('an answer Google does not retry (404) is tried once', async () => {
    const inbox = await receiver(404);
    await watch({ id: 'gone', type: 'web_hook', address: inbox.url });
    await inbox.waitFor(1);
    await delay(600);
    expect(inbox.received).toHaveLength(1);
    expect((await channels())[0]).toMatchObject({ failed: 1, attempts: 1, lastStatus: 404 });
  });

  it('a receiver that is down or never answers does not slow the API, and the tries are bounded', async () => {
    const down = await downReceiverUrl();
    const hanging = await receiver('hang');
    await watch({ id: 'down', type: 'web_hook', address: down });
    await watch({ id: 'hanging', type: 'web_hook', address: hanging.url });

    const started = performance.now();
    await insertThroughApi(9);
    await insertThroughControl(10);
    expect(performance.now() - started).toBeLessThan(300);

    // Refused connections: 3 tries for each of the 3 messages, then nothing more.
    await expect
      .poll(async () => (await channels()).find((row) => row.id === 'down'), { timeout: 5000 })
      .toMatchObject({
        delivered: 0,
        failed: 3,
        attempts: 9,
        pending: 0,
        lastStatus: null,
      });
    const downRow = (await channels()).find((row) => row.id === 'down');
    expect(downRow?.lastError).toMatch(/ECONNREFUSED|fetch failed/);
    // The hanging receiver got the sync message and is waited on (one at a time, with a timeout).
    await hanging.waitFor(1);
    expect((await channels()).find((row) => row.id === 'hanging')).toMatchObject({ pending: 3, delivered: 0 });
  });
});

describe('a state file', () => {
  it('keeps live channels across a restart: messages continue, numbered after the last, and stop still works', async () => {
    await emulator.close();
    const folder = mkdtempSync(join(tmpdir(), 'emulator-channels-'));
    folders.push(folder);
    const file = join(folder, 'state.json');
    await start(file);
    auth = withToken(await calendarAccessToken(url));
    const inbox = await receiver();
    const channel = await watch({ id: 'kept', type: 'web_hook', address: inbox.url, token: 'keep-me' });
    await watch({ id: 'stopped', type: 'web_hook', address: inbox.url });
    await inbox.waitFor(2);
    await insertThroughApi(9);
    await inbox.waitFor(4);
    await api.channels.stop({ requestBody: { id: 'stopped', resourceId: channel.resourceId ?? '' } }, auth);
    await emulator.close();

    const document = JSON.parse(readFileSync(file, 'utf8')) as { version: number; channels: { id: string }[] };
    expect(document.version).toBe(1);
    expect(document.channels.map((entry) => entry.id)).toEqual(['kept']);

    await start(file);
    expect((await channels()).map((row) => row.id)).toEqual(['kept']);
    await insertThroughControl(10);
    const messages = await inbox.waitFor(5);
    expect(messages[4]?.headers).toMatchObject({
      'x-goog-channel-id': 'kept',
      'x-goog-channel-token': 'keep-me',
      'x-goog-resource-state': 'exists',
      'x-goog-message-number': '3',
      'x-goog-resource-id': channel.resourceId,
    });
    await api.channels.stop({ requestBody: { id: 'kept', resourceId: channel.resourceId ?? '' } }, auth);
    expect(await channels()).toEqual([]);
  });

  it('reads a version-1 file written before channels existed', async () => {
    await emulator.close();
    const folder = mkdtempSync(join(tmpdir(), 'emulator-channels-'));
    folders.push(folder);
    const file = join(folder, 'state.json');
    await start(file);
    auth = withToken(await calendarAccessToken(url));
    await insertThroughApi(9);
    await emulator.close();
    const { channels: _dropped, ...older } = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify(older));

    await start(file);
    expect(await channels()).toEqual([]);
    expect((await api.events.list({ calendarId: 'primary' }, auth)).data.items).toHaveLength(1);
    const inbox = await receiver();
    await watch({ id: 'after-upgrade', type: 'web_hook', address: inbox.url });
    await inbox.waitFor(1);
  });
});

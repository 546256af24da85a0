import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { approveConsent, type RunningEmulator, StateFileError, startEmulator } from '../src/index.js';
import { calendarApi, NARROW_CALENDAR_SCOPES, timedEvent, withToken } from './calendar-fixtures.js';
import { openConsentPage, submitConsentForm } from './consent-form.js';
import { CLIENT, connectUser, control, createAuthRequest, createOAuthClient, rejectionOf, USER_EMAIL } from './fixtures.js';

let folder: string;
let file: string;
const running: RunningEmulator[] = [];

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'emulator-state-'));
  file = join(folder, 'data', 'google-emulator-state.json');
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
  rmSync(folder, { recursive: true, force: true });
});

async function start(stateFile: string | null = file): Promise<RunningEmulator> {
  const emulator = await startEmulator({ port: 0, clients: [CLIENT], ...(stateFile === null ? {} : { stateFile }) });
  running.push(emulator);
  return emulator;
}

async function stop(emulator: RunningEmulator): Promise<void> {
  running.splice(running.indexOf(emulator), 1);
  await emulator.close();
}

async function userinfoStatus(url: string, token: string | null | undefined): Promise<number> {
  return (await fetch(`${url}/oauth2/v3/userinfo`, { headers: { authorization: `Bearer ${token}` } })).status;
}

function fileDocument(): Record<string, unknown> {
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

const REVOKED = { status: 400, data: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' } };

describe('a state file (stateFile option)', () => {
  it('keeps the grant, its tokens, the calendar and its events for the next emulator on the same file', async () => {
    const first = await start();
    const oauth = createOAuthClient(first.url);
    const request = await createAuthRequest(oauth, { loginHint: USER_EMAIL, scopes: NARROW_CALENDAR_SCOPES });
    const callback = new URL(await approveConsent(request.authUrl));
    const { tokens } = await oauth.getToken({ code: callback.searchParams.get('code') ?? '', codeVerifier: request.codeVerifier });
    const auth = withToken(tokens.access_token ?? '');
    await control(first.url, 'PUT', `/calendars/${USER_EMAIL}`, { timeZone: 'America/Bogota' });

    const api = calendarApi(first.url);
    const insert = async (start: string, end: string, extra = {}) => (await api.events.insert({ calendarId: 'primary', requestBody: timedEvent(start, end, extra) }, auth)).data;
    await insert('2030-01-15T15:00:00Z', '2030-01-15T16:00:00Z', { id: 'agendo0booking1', extendedProperties: { private: { agendo: '1' } } });
    const moved = await insert('2030-01-16T15:00:00Z', '2030-01-16T16:00:00Z');
    await api.events.patch({ calendarId: 'primary', eventId: moved.id ?? '', requestBody: { summary: 'Movida' } }, auth);
    const cancelled = await insert('2030-01-17T15:00:00Z', '2030-01-17T16:00:00Z');
    await api.events.delete({ calendarId: 'primary', eventId: cancelled.id ?? '' }, auth);
    const before = (await api.events.list({ calendarId: 'primary', showDeleted: true }, auth)).data;
    const calendarBefore = (await api.calendars.get({ calendarId: 'primary' }, auth)).data;
    const keysBefore = await control(first.url, 'GET', '/../oauth2/v3/certs');
    await stop(first);

    const second = await start();
    const api2 = calendarApi(second.url);
    // The access token issued before the restart still works, and sees the same events, revisions and zone.
    const after = (await api2.events.list({ calendarId: 'primary', showDeleted: true }, auth)).data;
    expect(after.items).toEqual(before.items);
    expect(after.items?.map((event) => event.status)).toEqual(['confirmed', 'confirmed', 'cancelled']);
    expect(after.items?.[1]).toMatchObject({ summary: 'Movida', sequence: 1 });
    expect(after.etag).toBe(before.etag);
    expect((await api2.calendars.get({ calendarId: 'primary' }, auth)).data).toEqual(calendarBefore);
    expect(calendarBefore.timeZone).toBe('America/Bogota');
    expect(await control(second.url, 'GET', '/../oauth2/v3/certs')).toEqual(keysBefore);

    // The refresh token still refreshes, and the id_token issued before still verifies.
    const oauth2 = createOAuthClient(second.url, CLIENT, [first.url, second.url]);
    oauth2.setCredentials({ refresh_token: tokens.refresh_token ?? '' });
    const refreshed = (await oauth2.refreshAccessToken()).credentials;
    expect(refreshed.access_token).toMatch(/^ya29\./);
    const ticket = await oauth2.verifyIdToken({ idToken: tokens.id_token ?? '', audience: CLIENT.clientId });
    expect(ticket.getPayload()?.email).toBe(USER_EMAIL);

    // Client-chosen ids stay taken (idempotent bookings), and new changes get newer revisions.
    const duplicate = await rejectionOf(
      api2.events.insert({ calendarId: 'primary', requestBody: timedEvent('2030-01-15T15:00:00Z', '2030-01-15T16:00:00Z', { id: 'agendo0booking1' }) }, auth),
    );
    expect(duplicate.status).toBe(409);
    const later = (
      await api2.events.insert({ calendarId: 'primary', requestBody: timedEvent('2030-01-18T15:00:00Z', '2030-01-18T16:00:00Z') }, withToken(refreshed.access_token ?? ''))
    ).data;
    const revisions = (before.items ?? []).map((event) => BigInt((event.etag ?? '').replaceAll('"', '')));
    expect(BigInt((later.etag ?? '').replaceAll('"', ''))).toBeGreaterThan(revisions.reduce((a, b) => (a > b ? a : b)));
  });

  it('keeps revoked grants revoked and expired access tokens expired', async () => {
    const first = await start();
    const ana = createOAuthClient(first.url);
    const anaTokens = await connectUser(first.url, ana, { email: 'ana@example.com' });
    const bruno = await connectUser(first.url, createOAuthClient(first.url), { email: 'bruno@example.com' });
    const carla = await connectUser(first.url, createOAuthClient(first.url), { email: 'carla@example.com' });
    await ana.revokeToken(anaTokens.refresh_token ?? '');
    expect(await control(first.url, 'POST', '/tokens/expire', { email: 'carla@example.com' })).toEqual({ expired: 1 });
    await stop(first);

    const second = await start();
    const refresh = (refreshToken: string | null | undefined) => {
      const client = createOAuthClient(second.url);
      client.setCredentials({ refresh_token: refreshToken ?? '' });
      return client.refreshAccessToken();
    };
    expect(await rejectionOf(refresh(anaTokens.refresh_token))).toEqual(REVOKED);
    expect(await userinfoStatus(second.url, anaTokens.access_token)).toBe(401);
    expect(await userinfoStatus(second.url, bruno.access_token)).toBe(200);
    expect(await userinfoStatus(second.url, carla.access_token)).toBe(401);
    expect((await refresh(carla.refresh_token)).credentials.access_token).toMatch(/^ya29\./);
    expect(await control(second.url, 'GET', '/state')).toMatchObject({ users: 3, grants: 3, activeGrants: 2 });
  });

  it('keeps an unredeemed code and a consent page left open across the restart', async () => {
    const first = await start();
    const oauth = createOAuthClient(first.url);
    const approved = await createAuthRequest(oauth, { loginHint: USER_EMAIL });
    const code = new URL(await approveConsent(approved.authUrl)).searchParams.get('code') ?? '';
    const open = await createAuthRequest(oauth, { loginHint: 'bruno@example.com' });
    const page = await openConsentPage(open.authUrl);
    expect(page.status).toBe(200);
    await stop(first);

    const second = await start();
    const oauth2 = createOAuthClient(second.url);
    const { tokens } = await oauth2.getToken({ code, codeVerifier: approved.codeVerifier });
    expect(tokens.refresh_token).toMatch(/^1\/\//);
    const consent = await submitConsentForm(second.url, {
      request: page.requestId,
      email: page.email,
      scopes: page.scopes.map((scope) => scope.value),
      action: 'approve',
    });
    expect(consent.status).toBe(302);
    const callback = new URL(consent.headers.get('location') ?? '');
    expect(callback.searchParams.get('state')).toBe(open.state);
    const bruno = await oauth2.getToken({ code: callback.searchParams.get('code') ?? '', codeVerifier: open.codeVerifier });
    expect(bruno.tokens.access_token).toMatch(/^ya29\./);
    // The code was redeemed before the restart's file was written again: it stays single-use.
    expect((await rejectionOf(oauth2.getToken({ code, codeVerifier: approved.codeVerifier }))).data.error).toBe('invalid_grant');
  });

  it('writes a reset through the control API to the file, keeping the signing key', async () => {
    const first = await start();
    const tokens = await connectUser(first.url, createOAuthClient(first.url));
    await control(first.url, 'POST', `/calendars/${USER_EMAIL}/events`, timedEvent('2030-01-15T15:00:00Z', '2030-01-15T16:00:00Z'));
    await control(first.url, 'POST', '/reset');
    await stop(first);
    expect(fileDocument()).toMatchObject({ version: 1, grants: [], accessTokens: [], calendars: [] });

    const second = await start();
    const client = createOAuthClient(second.url);
    client.setCredentials({ refresh_token: tokens.refresh_token ?? '' });
    expect(await rejectionOf(client.refreshAccessToken())).toEqual(REVOKED);
    expect(await control(second.url, 'GET', `/calendars/${USER_EMAIL}/events`)).toMatchObject({ items: [] });
  });

  it('writes a file at start, versioned, without request counts or faults', async () => {
    const emulator = await start();
    await control(emulator.url, 'POST', '/faults', { endpoint: 'token', status: 500 });
    await connectUser(emulator.url, createOAuthClient(emulator.url)).catch(() => undefined);
    await stop(emulator);
    const document = fileDocument();
    expect(Object.keys(document).sort()).toEqual(
      ['accessTokens', 'authorizationCodes', 'calendars', 'channels', 'grants', 'pendingRequests', 'savedAt', 'signingKey', 'version'].sort(),
    );
    expect(document.version).toBe(1);
    expect(document.signingKey).toMatchObject({ kty: 'RSA' });

    const second = await start();
    expect(await control(second.url, 'GET', '/faults')).toEqual({ faults: [] });
    expect(((await control(second.url, 'GET', '/requests')) as { counts: Record<string, number> }).counts.token).toBe(0);
  });

  it('saves a burst of 1,000 inserts in a few writes, the file always complete meanwhile', async () => {
    const emulator = await start();
    let reads = 0;
    let reading = true;
    const reader = (async () => {
      while (reading) {
        try {
          JSON.parse(readFileSync(file, 'utf8'));
          reads += 1;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const writesBefore = (await control<{ writes: number }>(emulator.url, 'GET', '/state-file')).writes;
    const total = 1000;
    for (let batch = 0; batch < total; batch += 50) {
      await Promise.all(
        Array.from({ length: 50 }, (_, index) => {
          const minute = String((batch + index) % 60).padStart(2, '0');
          const hour = String(Math.floor((batch + index) / 60) % 24).padStart(2, '0');
          return control(emulator.url, 'POST', `/calendars/${USER_EMAIL}/events`, timedEvent(`2030-02-01T${hour}:${minute}:00Z`, `2030-02-01T${hour}:${minute}:30Z`));
        }),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    reading = false;
    await reader;
    const status = await control<{ writes: number; dirty: boolean; error: string | null }>(emulator.url, 'GET', '/state-file');
    expect(status).toMatchObject({ dirty: false, error: null });
    expect(status.writes - writesBefore).toBeGreaterThanOrEqual(1);
    expect(status.writes - writesBefore).toBeLessThan(total / 10);
    expect(reads).toBeGreaterThan(0);
    const calendars = fileDocument().calendars as { events: unknown[] }[];
    expect(calendars[0]?.events).toHaveLength(total);
  });

  it('writes what is pending when closed, right after the change', async () => {
    const first = await start();
    await control(first.url, 'POST', `/calendars/${USER_EMAIL}/events`, timedEvent('2030-01-15T15:00:00Z', '2030-01-15T16:00:00Z', { id: 'lastone' }));
    await stop(first);
    const second = await start();
    const { items } = await control<{ items: { id: string }[] }>(second.url, 'GET', `/calendars/${USER_EMAIL}/events`);
    expect(items.map((event) => event.id)).toEqual(['lastone']);
  });

  it('creates the file 0600 and its folder 0700 even with umask 000, and tightens existing ones', async () => {
    const previous = process.umask(0o000);
    try {
      const emulator = await start();
      await control(emulator.url, 'PUT', `/calendars/${USER_EMAIL}`, { timeZone: 'Europe/Madrid' });
      await stop(emulator);
    } finally {
      process.umask(previous);
    }
    expect(statSync(join(folder, 'data')).mode & 0o777).toBe(0o700);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    chmodSync(join(folder, 'data'), 0o755);
    chmodSync(file, 0o644);
    await stop(await start());
    expect(statSync(join(folder, 'data')).mode & 0o777).toBe(0o700);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('keeps no file and offers no /state-file without the option', async () => {
    const emulator = await start(null);
    await connectUser(emulator.url, createOAuthClient(emulator.url));
    const response = await fetch(`${emulator.url}/__emulator/state-file`);
    expect(response.status).toBe(404);
    await stop(emulator);
    expect(readdirSync(folder)).toEqual([]);
  });
});

describe('a state file that cannot be used', () => {
  async function startFailure(): Promise<StateFileError> {
    const failure = await start().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(StateFileError);
    return failure as StateFileError;
  }

  async function validDocument(): Promise<Record<string, unknown>> {
    const emulator = await start();
    await connectUser(emulator.url, createOAuthClient(emulator.url));
    await stop(emulator);
    return fileDocument();
  }

  it.each([
    ['a truncated write', '{"version":1,"savedAt":"2030-01-01T00:00:00.000Z","grants":[{"id":', /not JSON/],
    ['an empty file', '', /the file is empty/],
    ['an array', '[]', /not a JSON object/],
    ['no version', '{"grants":[]}', /no "version"/],
  ])('refuses %s, naming the file and what to do, and leaves it as it was', async (_name, content, problem) => {
    mkdirSync(join(folder, 'data'), { recursive: true });
    writeFileSync(file, content);
    const error = await startFailure();
    expect(error.code).toBe('STATE_FILE_CORRUPT');
    expect(error.file).toBe(file);
    expect(error.message).toContain(file);
    expect(error.message).toMatch(problem);
    expect(error.message).toContain('Delete it to start the Google stand-in empty');
    expect(readFileSync(file, 'utf8')).toBe(content);
  });

  it('names the field of a document of the wrong shape', async () => {
    const document = await validDocument();
    (document.grants as Record<string, unknown>[])[0]!.scopes = 'openid';
    const content = JSON.stringify(document);
    writeFileSync(file, content);
    const error = await startFailure();
    expect(error.code).toBe('STATE_FILE_CORRUPT');
    expect(error.message).toContain('grants[0].scopes should be an array');
    expect(readFileSync(file, 'utf8')).toBe(content);
  });

  it('refuses a token whose grant is missing and a broken signing key', async () => {
    const document = await validDocument();
    writeFileSync(file, JSON.stringify({ ...document, grants: [] }));
    expect((await startFailure()).message).toContain('accessTokens[0].grantId');
    writeFileSync(file, JSON.stringify({ ...document, signingKey: { ...(document.signingKey as object), n: 'AQAB' } }));
    expect((await startFailure()).message).toContain('signingKey should be a private RSA JWK');
  });

  it('refuses another format version', async () => {
    const content = JSON.stringify({ ...(await validDocument()), version: 2 });
    writeFileSync(file, content);
    const error = await startFailure();
    expect(error.code).toBe('STATE_FILE_UNSUPPORTED_VERSION');
    expect(error.message).toContain(`state file ${file} has format version 2, but this emulator reads version 1 only`);
    expect(readFileSync(file, 'utf8')).toBe(content);
  });
});

import { describe, expect, it } from 'vitest';
import { CLIENT, connectUser, control, createOAuthClient, postForm, rejectionOf, useEmulator } from './fixtures.js';

let url: string;

useEmulator((started) => (url = started));

async function counts(): Promise<Record<string, number>> {
  return (await control<{ counts: Record<string, number> }>(url, 'GET', '/requests')).counts;
}

const ZERO_COUNTS = {
  authorize: 0,
  consent: 0,
  token: 0,
  'token.authorization_code': 0,
  'token.refresh_token': 0,
  revoke: 0,
  userinfo: 0,
  certs: 0,
  tokeninfo: 0,
  'calendar.calendars.get': 0,
  'calendar.events.list': 0,
  'calendar.events.get': 0,
  'calendar.events.insert': 0,
  'calendar.events.patch': 0,
  'calendar.events.delete': 0,
  'calendar.events.watch': 0,
  'calendar.channels.stop': 0,
  'calendar.freebusy.query': 0,
};

describe('request counts', () => {
  it('counts every request per endpoint, failed ones included, and resets', async () => {
    expect(await counts()).toEqual(ZERO_COUNTS);
    const oauth = createOAuthClient(url);
    const tokens = await connectUser(url, oauth);
    await oauth.verifyIdToken({ idToken: tokens.id_token ?? '', audience: CLIENT.clientId });
    await oauth.refreshAccessToken();
    await postForm(`${url}/token`, { grant_type: 'refresh_token', refresh_token: 'nope' }); // fails: no client
    await fetch(`${url}/oauth2/v3/userinfo`); // fails: no token
    await oauth.getTokenInfo(oauth.credentials.access_token ?? '');
    await oauth.revokeToken(tokens.refresh_token ?? '');

    expect(await counts()).toEqual({
      ...ZERO_COUNTS,
      authorize: 1,
      consent: 1,
      token: 3,
      'token.authorization_code': 1,
      'token.refresh_token': 2,
      certs: 1,
      userinfo: 1,
      tokeninfo: 1,
      revoke: 1,
    });
    expect(await control(url, 'DELETE', '/requests')).toEqual({ counts: ZERO_COUNTS });
    expect(await counts()).toEqual(ZERO_COUNTS);
  });
});

describe('faults', () => {
  it('answers with the status, Retry-After and a Google error body, for `count` requests only', async () => {
    const { fault } = await control<{ fault: Record<string, unknown> }>(url, 'POST', '/faults', {
      endpoint: 'userinfo',
      count: 2,
      status: 503,
      retryAfter: 7,
    });
    expect(fault).toEqual({ endpoint: 'userinfo', remaining: 2, status: 503, retryAfter: 7 });
    const tokens = await connectUser(url, createOAuthClient(url));
    const call = () => fetch(`${url}/oauth2/v3/userinfo`, { headers: { authorization: `Bearer ${tokens.access_token}` } });

    for (let attempt = 1; attempt <= 2; attempt++) {
      const response = await call();
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('7');
      expect(await response.json()).toEqual({
        error: { code: 503, message: 'The service is currently unavailable.', status: 'UNAVAILABLE' },
      });
    }
    expect((await call()).status).toBe(200);
    expect((await counts()).userinfo).toBe(3);
    expect(await control(url, 'GET', '/faults')).toEqual({ faults: [] });
  });

  it('uses OAuth-shaped default bodies on the token endpoint and custom bodies when given', async () => {
    await control(url, 'POST', '/faults', { endpoint: 'token', status: 500 });
    await control(url, 'POST', '/faults', { endpoint: 'token', status: 429, body: { error: 'custom' } });
    const first = await postForm(`${url}/token`, { grant_type: 'refresh_token' });
    expect(first).toMatchObject({ status: 500, body: { error: 'internal_failure' } });
    expect(first.headers.get('retry-after')).toBeNull();
    expect(await postForm(`${url}/token`, { grant_type: 'refresh_token' })).toMatchObject({ status: 429, body: { error: 'custom' } });
    expect(await postForm(`${url}/token`, { grant_type: 'refresh_token' })).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
  });

  it('targets one token grant type and lets google-auth-library retry through it', async () => {
    const oauth = createOAuthClient(url);
    await control(url, 'POST', '/faults', { endpoint: 'token.refresh_token', count: 2, status: 503 });
    await connectUser(url, oauth); // authorization_code exchange is not affected
    expect((await control<{ faults: { remaining: number }[] }>(url, 'GET', '/faults')).faults).toEqual([{ endpoint: 'token.refresh_token', remaining: 2, status: 503 }]);

    const { credentials } = await oauth.refreshAccessToken(); // retried twice by gaxios
    expect(credentials.access_token).toMatch(/^ya29\./);
    expect(await counts()).toMatchObject({ token: 4, 'token.authorization_code': 1, 'token.refresh_token': 3 });
  });

  it('adds latency before normal handling', async () => {
    await control(url, 'POST', '/faults', { endpoint: 'certs', latencyMs: 300 });
    const started = Date.now();
    const slow = await fetch(`${url}/oauth2/v3/certs`);
    expect(slow.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    const again = Date.now();
    await fetch(`${url}/oauth2/v3/certs`);
    expect(Date.now() - again).toBeLessThan(250);
  });

  it('adds latency before an injected status', async () => {
    await control(url, 'POST', '/faults', { endpoint: 'revoke', latencyMs: 200, status: 503 });
    const started = Date.now();
    const response = await fetch(`${url}/revoke?token=x`, { method: 'POST' });
    expect(response.status).toBe(503);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('lists, clears and validates faults', async () => {
    await control(url, 'POST', '/faults', { endpoint: 'authorize', status: 500 });
    expect((await control<{ faults: unknown[] }>(url, 'GET', '/faults')).faults).toHaveLength(1);
    expect(await control(url, 'DELETE', '/faults')).toEqual({ faults: [] });
    expect((await control<{ faults: unknown[] }>(url, 'GET', '/faults')).faults).toHaveLength(0);

    for (const body of [{}, { endpoint: 'token', status: 42 }, { endpoint: 'token', count: 0 }, { endpoint: 'token', retry_after: 1 }]) {
      const response = await fetch(`${url}/__emulator/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(400);
    }
  });
});

describe('reset and state', () => {
  it('forgets grants, counts and faults', async () => {
    const oauth = createOAuthClient(url);
    await connectUser(url, oauth, { email: 'ana@example.com' });
    await connectUser(url, createOAuthClient(url), { email: 'bruno@example.com' });
    await control(url, 'POST', '/faults', { endpoint: 'userinfo', status: 500 });
    expect(await control(url, 'GET', '/state')).toMatchObject({ clients: 1, users: 2, grants: 2, activeGrants: 2, liveAccessTokens: 2 });

    const reset = await fetch(`${url}/__emulator/reset`, { method: 'POST', headers: { 'content-type': 'application/json' } });
    expect(reset.status).toBe(200);
    expect(await control(url, 'GET', '/state')).toMatchObject({ users: 0, grants: 0, liveAccessTokens: 0 });
    expect(await control(url, 'GET', '/faults')).toEqual({ faults: [] });
    expect(await counts()).toEqual(ZERO_COUNTS);
    expect((await rejectionOf(oauth.refreshAccessToken())).data.error).toBe('invalid_grant');
  });
});

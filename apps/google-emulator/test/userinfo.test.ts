import { describe, expect, it } from 'vitest';
import { CALENDAR_SCOPE, CLIENT, connectUser, control, createOAuthClient, SCOPES, USER_EMAIL, useEmulator } from './fixtures.js';

let url: string;

useEmulator((started) => (url = started));

async function userinfo(authorization?: string) {
  const response = await fetch(`${url}/oauth2/v3/userinfo`, authorization === undefined ? {} : { headers: { authorization } });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}

describe('GET /oauth2/v3/userinfo', () => {
  it('returns the user for a valid token, with the ID token’s sub', async () => {
    const oauth = createOAuthClient(url);
    const tokens = await connectUser(url, oauth);
    const sub = (await oauth.verifyIdToken({ idToken: tokens.id_token ?? '', audience: CLIENT.clientId })).getPayload()?.sub;
    expect(await userinfo(`Bearer ${tokens.access_token}`)).toMatchObject({
      status: 200,
      body: { sub, email: USER_EMAIL, email_verified: true },
    });
  });

  it('answers 401 invalid_token with WWW-Authenticate for expired, unknown or missing tokens', async () => {
    const tokens = await connectUser(url, createOAuthClient(url));
    await control(url, 'POST', '/tokens/expire');
    for (const authorization of [`Bearer ${tokens.access_token}`, 'Bearer ya29.nope', undefined]) {
      const response = await userinfo(authorization);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(response.body.error).toBe('invalid_token');
    }
  });
});

describe('/tokeninfo', () => {
  it('describes a live token (google-auth-library getTokenInfo and GET ?access_token=)', async () => {
    const oauth = createOAuthClient(url);
    const tokens = await connectUser(url, oauth, { uncheck: [CALENDAR_SCOPE] });
    const info = await oauth.getTokenInfo(tokens.access_token ?? '');
    expect(info.scopes).toEqual(['openid', 'email']);
    expect(info).toMatchObject({ aud: CLIENT.clientId, azp: CLIENT.clientId, email: USER_EMAIL, access_type: 'offline' });
    expect(info.expiry_date).toBeGreaterThan(Date.now() + 3500_000);

    const response = await fetch(`${url}/tokeninfo?access_token=${encodeURIComponent(tokens.access_token ?? '')}`);
    const body = (await response.json()) as Record<string, string>;
    expect(Object.keys(body).sort()).toEqual(['access_type', 'aud', 'azp', 'email', 'email_verified', 'exp', 'expires_in', 'scope', 'sub'].sort());
    expect(Number(body.expires_in)).toBeGreaterThan(3500);
    expect(Number(body.exp)).toBeCloseTo(Date.now() / 1000 + 3599, -1);
    expect(body.scope).not.toContain(CALENDAR_SCOPE);
  });

  it('rejects expired and unknown tokens with 400 invalid_token', async () => {
    const tokens = await connectUser(url, createOAuthClient(url), { scopes: SCOPES });
    await control(url, 'POST', '/tokens/expire');
    for (const token of [tokens.access_token ?? '', 'ya29.nope']) {
      const response = await fetch(`${url}/tokeninfo?access_token=${encodeURIComponent(token)}`);
      expect(response.status).toBe(400);
      expect(((await response.json()) as Record<string, unknown>).error).toBe('invalid_token');
    }
  });
});

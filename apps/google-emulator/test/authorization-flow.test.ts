import { createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { approveConsent, denyConsent } from '../src/index.js';
import { approveInConsentPage, openConsentPage, submitConsentForm } from './consent-form.js';
import { CALENDAR_SCOPE, CLIENT, connectUser, control, createAuthRequest, createOAuthClient, OTHER_CLIENT, SCOPES, USER_EMAIL, useEmulator } from './fixtures.js';

let url: string;

useEmulator((started) => (url = started), [CLIENT, OTHER_CLIENT]);

function decodeJwtPart(part: string | undefined): Record<string, unknown> {
  return JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('authorization code flow with google-auth-library', () => {
  it('runs consent → code → tokens → verified ID token', async () => {
    const oauth = createOAuthClient(url);
    const request = await createAuthRequest(oauth, { loginHint: USER_EMAIL });

    const page = await openConsentPage(request.authUrl);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Agendo demo — Google (emulador)');
    expect(page.email).toBe(USER_EMAIL);
    expect(page.html).toMatch(/<label for="email">/);
    expect(page.scopes).toEqual(SCOPES.map((value) => ({ value, checked: true })));
    expect(page.html).toMatch(/<button[^>]*id="approve"[^>]*name="action"[^>]*value="approve"[^>]*>Permitir</);
    expect(page.html).toMatch(/<button[^>]*id="deny"[^>]*name="action"[^>]*value="deny"[^>]*>Cancelar</);
    expect(page.requestId).toMatch(/^[\w-]{20,}$/);
    expect(page.html).not.toContain(request.state); // the request travels by reference, not as raw params

    const response = await submitConsentForm(url, { request: page.requestId, email: page.email, scopes: SCOPES, action: 'approve' });
    expect(response.status).toBe(302);
    const callback = new URL(response.headers.get('location') ?? '');
    expect(`${callback.origin}${callback.pathname}`).toBe(CLIENT.redirectUris[0]);
    expect(callback.searchParams.get('state')).toBe(request.state);
    expect(callback.searchParams.get('scope')).toBe(SCOPES.join(' '));
    const code = callback.searchParams.get('code') ?? '';
    expect(code).toMatch(/^4\/0/);

    const before = Date.now();
    const { tokens, res } = await oauth.getToken({ code, codeVerifier: request.codeVerifier });
    expect(res?.status).toBe(200);
    expect(tokens.access_token).toMatch(/^ya29\.[\w-]{100,}$/);
    expect(tokens.refresh_token).toMatch(/^1\/\/[\w-]{40,}$/);
    expect(tokens.token_type).toBe('Bearer');
    expect(tokens.scope).toBe(SCOPES.join(' '));
    expect(tokens.expiry_date).toBeGreaterThanOrEqual(before + 3599_000);
    expect(tokens.expiry_date).toBeLessThanOrEqual(Date.now() + 3599_000);
    expect((res?.data as Record<string, unknown> | undefined)?.expires_in).toBeUndefined(); // the library converts it
    expect(Object.keys(res?.data as object).sort()).toEqual(['access_token', 'expiry_date', 'id_token', 'refresh_token', 'scope', 'token_type']);

    const ticket = await oauth.verifyIdToken({ idToken: tokens.id_token ?? '', audience: CLIENT.clientId });
    const payload = ticket.getPayload();
    expect(payload).toMatchObject({ iss: url, aud: CLIENT.clientId, azp: CLIENT.clientId, email: USER_EMAIL, email_verified: true });
    expect(payload?.sub).toMatch(/^1\d{20}$/);
    expect((payload?.exp ?? 0) - (payload?.iat ?? 0)).toBe(3600);

    const [header, body, signature] = (tokens.id_token ?? '').split('.');
    const { keys } = (await (await fetch(`${url}/oauth2/v3/certs`)).json()) as { keys: Record<string, string>[] };
    const jwk = keys[0] ?? {};
    expect(decodeJwtPart(header)).toEqual({ alg: 'RS256', kid: jwk.kid, typ: 'JWT' });
    expect(jwk).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', e: 'AQAB' });
    const publicKey = createPublicKey({ key: { kty: 'RSA', n: jwk.n ?? '', e: jwk.e ?? '' }, format: 'jwk' });
    expect(verify('RSA-SHA256', Buffer.from(`${header}.${body}`), publicKey, Buffer.from(signature ?? '', 'base64url'))).toBe(true);
  });

  it('serves PEM certs with a cache-control max-age, and rejects ID tokens for another audience or issuer', async () => {
    const certs = await fetch(`${url}/oauth2/v1/certs`);
    expect(certs.headers.get('cache-control')).toMatch(/^public, max-age=\d+/);
    const pems = (await certs.json()) as Record<string, string>;
    expect(Object.values(pems)[0]).toMatch(/^-----BEGIN PUBLIC KEY-----/);

    const oauth = createOAuthClient(url);
    const tokens = await connectUser(url, oauth);
    await expect(oauth.verifyIdToken({ idToken: tokens.id_token ?? '', audience: OTHER_CLIENT.clientId })).rejects.toThrow(/audience/);
    const strict = createOAuthClient(url, CLIENT, ['https://accounts.google.com']);
    await expect(strict.verifyIdToken({ idToken: tokens.id_token ?? '', audience: CLIENT.clientId })).rejects.toThrow(/issuer/);
  });

  it('gives the same sub to the same email across grants and a different one to another email', async () => {
    const sub = async (email: string) => {
      const oauth = createOAuthClient(url);
      const tokens = await connectUser(url, oauth, { email });
      return (await oauth.verifyIdToken({ idToken: tokens.id_token ?? '', audience: CLIENT.clientId })).getPayload()?.sub;
    };
    const first = await sub('ana@example.com');
    expect(await sub('ANA@example.com')).toBe(first);
    expect(await sub('bruno@example.com')).not.toBe(first);
  });

  it('omits the refresh token for online access and the ID token without openid', async () => {
    const online = await connectUser(url, createOAuthClient(url), { accessType: 'online' });
    expect(online.refresh_token).toBeUndefined();
    expect(online.id_token).toBeDefined();

    const noOpenId = await connectUser(url, createOAuthClient(url), { scopes: ['email', CALENDAR_SCOPE] });
    expect(noOpenId.id_token).toBeUndefined();
    expect(noOpenId.refresh_token).toBeDefined();
  });

  it('leaves email out of the ID token without the email scope', async () => {
    const oauth = createOAuthClient(url);
    const tokens = await connectUser(url, oauth, { scopes: ['openid', CALENDAR_SCOPE] });
    const payload = (await oauth.verifyIdToken({ idToken: tokens.id_token ?? '', audience: CLIENT.clientId })).getPayload();
    expect(payload?.email).toBeUndefined();
    expect(payload?.sub).toMatch(/^1\d{20}$/);
  });

  it('grants only the scopes left ticked', async () => {
    const oauth = createOAuthClient(url);
    const request = await createAuthRequest(oauth, { loginHint: USER_EMAIL });
    const callback = await approveInConsentPage(url, request.authUrl, { uncheck: [CALENDAR_SCOPE] });
    expect(callback.get('scope')).toBe('openid email');
    const { tokens } = await oauth.getToken({ code: callback.get('code') ?? '', codeVerifier: request.codeVerifier });
    expect(tokens.scope).toBe('openid email');
    expect(tokens.scope).not.toContain(CALENDAR_SCOPE);
  });

  it('allows approving with every scope unticked', async () => {
    const oauth = createOAuthClient(url);
    const tokens = await connectUser(url, oauth, { uncheck: SCOPES });
    expect(tokens.scope).toBe('');
    expect(tokens.id_token).toBeUndefined();
    expect(tokens.access_token).toMatch(/^ya29\./);
  });

  it('uses the email the user typed instead of the login_hint', async () => {
    const oauth = createOAuthClient(url);
    const request = await createAuthRequest(oauth, { loginHint: USER_EMAIL });
    const callback = await approveInConsentPage(url, request.authUrl, { email: '  Carla@Example.com ' });
    const { tokens } = await oauth.getToken({ code: callback.get('code') ?? '', codeVerifier: request.codeVerifier });
    const payload = (await oauth.verifyIdToken({ idToken: tokens.id_token ?? '', audience: CLIENT.clientId })).getPayload();
    expect(payload?.email).toBe('carla@example.com');
  });

  it('re-shows the form with an error for an invalid email, keeping the request usable', async () => {
    const oauth = createOAuthClient(url);
    const request = await createAuthRequest(oauth); // no login_hint
    const page = await openConsentPage(request.authUrl);
    expect(page.email).toBe('');

    for (const email of ['', 'not-an-email']) {
      const response = await submitConsentForm(url, { request: page.requestId, email, scopes: ['openid'], action: 'approve' });
      expect(response.status).toBe(400);
      expect(response.headers.get('location')).toBeNull();
      const html = await response.text();
      expect(html).toContain('id="error"');
      expect(html).toContain(`value="${page.requestId}"`);
      expect(html).toMatch(/value="openid" checked/);
      expect(html).toMatch(/value="email">/); // unticked scope stays unticked
    }
    const ok = await submitConsentForm(url, { request: page.requestId, email: 'dani@example.com', scopes: ['openid'], action: 'approve' });
    expect(ok.status).toBe(302);
  });

  it('redirects with access_denied when the user cancels, and the request cannot be reused', async () => {
    const oauth = createOAuthClient(url);
    const request = await createAuthRequest(oauth, { loginHint: USER_EMAIL });
    const page = await openConsentPage(request.authUrl);
    const response = await submitConsentForm(url, { request: page.requestId, email: page.email, scopes: SCOPES, action: 'deny' });
    expect(response.status).toBe(302);
    const callback = new URL(response.headers.get('location') ?? '');
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(callback.searchParams.get('state')).toBe(request.state);
    expect(callback.searchParams.has('code')).toBe(false);

    const again = await submitConsentForm(url, { request: page.requestId, email: page.email, scopes: SCOPES, action: 'approve' });
    expect(again.status).toBe(400);
    expect(again.headers.get('content-type')).toMatch(/text\/html/);
  });

  it('rejects an unknown pending request with a 400 page', async () => {
    const response = await submitConsentForm(url, { request: 'forged', email: USER_EMAIL, scopes: SCOPES, action: 'approve' });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
  });
});

describe('authorization request validation', () => {
  async function authorize(params: Record<string, string>): Promise<Response> {
    return fetch(`${url}/o/oauth2/v2/auth?${new URLSearchParams(params)}`, { redirect: 'manual' });
  }
  const valid = {
    client_id: CLIENT.clientId,
    redirect_uri: CLIENT.redirectUris[1] ?? '',
    response_type: 'code',
    scope: 'openid email',
    state: 'xyz',
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    code_challenge_method: 'S256',
  };

  it('accepts any registered redirect URI', async () => {
    expect((await authorize(valid)).status).toBe(200);
  });

  it('shows a 400 error page, without redirecting, for an unregistered redirect_uri', async () => {
    for (const redirectUri of ['http://evil.example/callback', `${CLIENT.redirectUris[0]}/`, OTHER_CLIENT.redirectUris[0] ?? '']) {
      const response = await authorize({ ...valid, redirect_uri: redirectUri });
      expect(response.status).toBe(400);
      expect(response.headers.get('location')).toBeNull();
      expect(await response.text()).toContain('Error 400: redirect_uri_mismatch');
    }
    const missing = await authorize({ ...valid, redirect_uri: '' });
    expect(missing.status).toBe(400);
  });

  it('shows a 400 error page for an unknown client', async () => {
    const response = await authorize({ ...valid, client_id: 'nobody.apps.googleusercontent.com' });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain('invalid_client');
  });

  it.each([
    ['response_type', { response_type: 'token' }],
    ['missing scope', { scope: '' }],
    ['missing state', { state: '' }],
    ['missing PKCE', { code_challenge: '' }],
    ['plain PKCE', { code_challenge_method: 'plain' }],
    ['bad access_type', { access_type: 'forever' }],
  ])('redirects with invalid_request for %s', async (_name, override) => {
    const params: Record<string, string> = { ...valid, ...override };
    for (const [key, value] of Object.entries(override)) if (value === '') delete params[key];
    const response = await authorize(params);
    expect(response.status).toBe(302);
    const callback = new URL(response.headers.get('location') ?? '');
    expect(callback.origin + callback.pathname).toBe(valid.redirect_uri);
    expect(callback.searchParams.get('error')).toBe('invalid_request');
    expect(callback.searchParams.get('error_description')).toBeTruthy();
    expect(callback.searchParams.get('state')).toBe(params.state ?? null);
  });
});

describe('approveConsent / denyConsent helpers', () => {
  it('approves with the prefilled email and returns the callback URL', async () => {
    const oauth = createOAuthClient(url);
    const request = await createAuthRequest(oauth, { loginHint: USER_EMAIL });
    const callback = new URL(await approveConsent(request.authUrl));
    expect(callback.origin + callback.pathname).toBe(CLIENT.redirectUris[0]);
    expect(callback.searchParams.get('state')).toBe(request.state);
    const { tokens } = await oauth.getToken({ code: callback.searchParams.get('code') ?? '', codeVerifier: request.codeVerifier });
    expect(tokens.scope).toBe(SCOPES.join(' '));
  });

  it('types another email and unticks scopes', async () => {
    const oauth = createOAuthClient(url);
    const request = await createAuthRequest(oauth);
    const callback = new URL(await approveConsent(request.authUrl, { email: 'eva@example.com', uncheckScopes: ['email'] }));
    expect(callback.searchParams.get('scope')).toBe(`openid ${CALENDAR_SCOPE}`);
    const { tokens } = await oauth.getToken({ code: callback.searchParams.get('code') ?? '', codeVerifier: request.codeVerifier });
    const userinfo = await fetch(`${url}/oauth2/v3/userinfo`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(await userinfo.json()).not.toHaveProperty('email');
    expect(await control(url, 'GET', '/state')).toMatchObject({ users: 1, grants: 1 });
  });

  it('fails clearly without any email, and passes error redirects through', async () => {
    const oauth = createOAuthClient(url);
    const request = await createAuthRequest(oauth);
    await expect(approveConsent(request.authUrl)).rejects.toThrow(/email/);

    const bad = new URL(request.authUrl);
    bad.searchParams.delete('code_challenge');
    const callback = new URL(await approveConsent(bad.toString(), { email: USER_EMAIL }));
    expect(callback.searchParams.get('error')).toBe('invalid_request');

    bad.searchParams.set('redirect_uri', 'http://evil.example/');
    await expect(approveConsent(bad.toString(), { email: USER_EMAIL })).rejects.toThrow(/400/);
  });

  it('denies', async () => {
    const request = await createAuthRequest(createOAuthClient(url), { loginHint: USER_EMAIL });
    const callback = new URL(await denyConsent(request.authUrl));
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(callback.searchParams.get('state')).toBe(request.state);
  });
});

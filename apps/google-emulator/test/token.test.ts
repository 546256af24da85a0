import { afterEach, describe, expect, it, vi } from 'vitest';
import { approveInConsentPage } from './consent-form.js';
import { CLIENT, connectUser, control, createAuthRequest, createOAuthClient, OTHER_CLIENT, postForm, rejectionOf, SCOPES, USER_EMAIL, useEmulator } from './fixtures.js';

let url: string;

useEmulator((started) => (url = started), [CLIENT, OTHER_CLIENT]);
afterEach(() => {
  vi.useRealTimers();
});

/** An approved code with its PKCE verifier, ready to exchange. */
async function approvedCode(): Promise<{ code: string; codeVerifier: string }> {
  const request = await createAuthRequest(createOAuthClient(url), { loginHint: USER_EMAIL });
  const callback = await approveInConsentPage(url, request.authUrl);
  return { code: callback.get('code') ?? '', codeVerifier: request.codeVerifier };
}

function codeExchange(code: string, codeVerifier: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    grant_type: 'authorization_code',
    code,
    code_verifier: codeVerifier,
    redirect_uri: CLIENT.redirectUris[0] ?? '',
    client_id: CLIENT.clientId,
    client_secret: CLIENT.clientSecret,
    ...extra,
  };
}

describe('authorization_code grant', () => {
  it('is single use', async () => {
    const oauth = createOAuthClient(url);
    const { code, codeVerifier } = await approvedCode();
    await oauth.getToken({ code, codeVerifier });
    const failure = await rejectionOf(oauth.getToken({ code, codeVerifier }));
    expect(failure).toEqual({ status: 400, data: { error: 'invalid_grant', error_description: 'Bad Request' } });
  });

  it('rejects a wrong or missing PKCE verifier, and the code stays usable', async () => {
    const oauth = createOAuthClient(url);
    const { code, codeVerifier } = await approvedCode();
    const wrong = await rejectionOf(oauth.getToken({ code, codeVerifier: `${codeVerifier.slice(1)}x` }));
    expect(wrong).toEqual({ status: 400, data: { error: 'invalid_grant', error_description: 'Invalid code verifier.' } });
    const missing = await postForm(`${url}/token`, codeExchange(code, ''));
    expect(missing.body).toEqual({ error: 'invalid_grant', error_description: 'Missing code verifier.' });
    expect((await oauth.getToken({ code, codeVerifier })).tokens.access_token).toMatch(/^ya29\./);
  });

  it('rejects a wrong client secret with 401 invalid_client', async () => {
    const { code, codeVerifier } = await approvedCode();
    const oauth = createOAuthClient(url, { ...CLIENT, clientSecret: 'wrong' });
    const failure = await rejectionOf(oauth.getToken({ code, codeVerifier }));
    expect(failure).toEqual({ status: 401, data: { error: 'invalid_client', error_description: 'Unauthorized' } });

    const unknown = await postForm(`${url}/token`, codeExchange(code, codeVerifier, { client_id: 'nobody' }));
    expect(unknown.status).toBe(401);
    expect(unknown.body.error).toBe('invalid_client');
  });

  it('accepts client credentials by HTTP Basic auth', async () => {
    const { code, codeVerifier } = await approvedCode();
    const fields = codeExchange(code, codeVerifier);
    delete fields.client_id;
    delete fields.client_secret;
    const basic = (secret: string) => ({ authorization: `Basic ${Buffer.from(`${CLIENT.clientId}:${secret}`).toString('base64')}` });
    expect((await postForm(`${url}/token`, fields, basic('wrong'))).status).toBe(401);
    const ok = await postForm(`${url}/token`, fields, basic(CLIENT.clientSecret));
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ token_type: 'Bearer', expires_in: 3599 });
  });

  it('accepts a JSON body', async () => {
    const { code, codeVerifier } = await approvedCode();
    const response = await fetch(`${url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(codeExchange(code, codeVerifier)),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'id_token', 'refresh_token', 'scope', 'token_type']);
    expect(body.scope).toBe(SCOPES.join(' '));
  });

  it('requires the redirect_uri of the authorization request', async () => {
    const { code, codeVerifier } = await approvedCode();
    const other = await postForm(`${url}/token`, codeExchange(code, codeVerifier, { redirect_uri: CLIENT.redirectUris[1] ?? '' }));
    expect(other).toMatchObject({ status: 400, body: { error: 'redirect_uri_mismatch' } });
    const fields = codeExchange(code, codeVerifier);
    delete fields.redirect_uri;
    expect(await postForm(`${url}/token`, fields)).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
  });

  it('rejects a code issued to another client', async () => {
    const { code, codeVerifier } = await approvedCode();
    const failure = await postForm(`${url}/token`, codeExchange(code, codeVerifier, { client_id: OTHER_CLIENT.clientId, client_secret: OTHER_CLIENT.clientSecret }));
    expect(failure).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('expires codes after 10 minutes', async () => {
    const { code, codeVerifier } = await approvedCode();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 10 * 60 * 1000 + 1000);
    const failure = await postForm(`${url}/token`, codeExchange(code, codeVerifier));
    expect(failure).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('still accepts a code after 9 minutes', async () => {
    const { code, codeVerifier } = await approvedCode();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 9 * 60 * 1000);
    expect((await postForm(`${url}/token`, codeExchange(code, codeVerifier))).status).toBe(200);
  });
});

describe('token endpoint errors', () => {
  it('answers in Google JSON shapes', async () => {
    expect(await postForm(`${url}/token`, {})).toEqual(
      expect.objectContaining({ status: 400, body: { error: 'invalid_request', error_description: 'Required parameter is missing: grant_type' } }),
    );
    expect(await postForm(`${url}/token`, { grant_type: 'password' })).toMatchObject({
      status: 400,
      body: { error: 'unsupported_grant_type', error_description: 'Invalid grant_type: password' },
    });
    const noCode = await postForm(`${url}/token`, { grant_type: 'authorization_code', client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret });
    expect(noCode).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
    const noRefresh = await postForm(`${url}/token`, { grant_type: 'refresh_token', client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret });
    expect(noRefresh).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
    const noClient = await postForm(`${url}/token`, { grant_type: 'refresh_token', refresh_token: '1//x' });
    expect(noClient).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
  });
});

describe('refresh_token grant', () => {
  it('refreshes after the access token expired, without a new refresh token', async () => {
    const oauth = createOAuthClient(url);
    const first = await connectUser(url, oauth);
    const userinfo = (token: string | null | undefined) => fetch(`${url}/oauth2/v3/userinfo`, { headers: { authorization: `Bearer ${token}` } });
    expect((await userinfo(first.access_token)).status).toBe(200);

    expect(await control(url, 'POST', '/tokens/expire')).toEqual({ expired: 1 });
    expect((await userinfo(first.access_token)).status).toBe(401);

    const { credentials, res } = await oauth.refreshAccessToken();
    expect(credentials.access_token).toMatch(/^ya29\./);
    expect(credentials.access_token).not.toBe(first.access_token);
    expect(credentials.refresh_token).toBe(first.refresh_token);
    expect(res?.data).toMatchObject({ token_type: 'Bearer', scope: SCOPES.join(' ') });
    expect(credentials.id_token).toBeDefined();
    expect((await userinfo(credentials.access_token)).status).toBe(200);

    // The library copies the old refresh token into its result, so check the wire response directly.
    const raw = await postForm(`${url}/token`, {
      grant_type: 'refresh_token',
      refresh_token: first.refresh_token ?? '',
      client_id: CLIENT.clientId,
      client_secret: CLIENT.clientSecret,
    });
    expect(raw.status).toBe(200);
    expect(Object.keys(raw.body).sort()).toEqual(['access_token', 'expires_in', 'id_token', 'scope', 'token_type']);
    expect(raw.body.expires_in).toBe(3599);
  });

  it('is used by getAccessToken when the client sees an expired token', async () => {
    const oauth = createOAuthClient(url);
    const first = await connectUser(url, oauth);
    oauth.setCredentials({ ...first, expiry_date: Date.now() - 1000 });
    const { token } = await oauth.getAccessToken();
    expect(token).toMatch(/^ya29\./);
    expect(token).not.toBe(first.access_token);
    const counts = await control<{ counts: Record<string, number> }>(url, 'GET', '/requests');
    expect(counts.counts['token.refresh_token']).toBe(1);
  });

  it('expires only the given user’s tokens', async () => {
    const ana = await connectUser(url, createOAuthClient(url), { email: 'ana@example.com' });
    const bruno = await connectUser(url, createOAuthClient(url), { email: 'bruno@example.com' });
    expect(await control(url, 'POST', '/tokens/expire', { email: 'ANA@example.com' })).toEqual({ expired: 1 });
    const status = async (token: string | null | undefined) => (await fetch(`${url}/oauth2/v3/userinfo`, { headers: { authorization: `Bearer ${token}` } })).status;
    expect(await status(ana.access_token)).toBe(401);
    expect(await status(bruno.access_token)).toBe(200);
  });

  it('rejects unknown refresh tokens and other clients', async () => {
    const tokens = await connectUser(url, createOAuthClient(url));
    const unknown = createOAuthClient(url);
    unknown.setCredentials({ refresh_token: '1//made-up' });
    expect(await rejectionOf(unknown.refreshAccessToken())).toEqual({
      status: 400,
      data: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' },
    });
    const other = createOAuthClient(url, OTHER_CLIENT);
    other.setCredentials({ refresh_token: tokens.refresh_token ?? '' });
    expect((await rejectionOf(other.refreshAccessToken())).data.error).toBe('unauthorized_client');
  });
});

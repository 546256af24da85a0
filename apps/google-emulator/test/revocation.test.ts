import { describe, expect, it } from 'vitest';
import { approveInConsentPage } from './consent-form.js';
import { connectUser, control, createAuthRequest, createOAuthClient, postForm, rejectionOf, USER_EMAIL, useEmulator } from './fixtures.js';

let url: string;

useEmulator((started) => (url = started));

async function userinfoStatus(token: string | null | undefined): Promise<number> {
  return (await fetch(`${url}/oauth2/v3/userinfo`, { headers: { authorization: `Bearer ${token}` } })).status;
}

const REVOKED = { status: 400, data: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' } };

describe('POST /revoke', () => {
  it('revokes the grant of a refresh token (google-auth-library revokeToken)', async () => {
    const oauth = createOAuthClient(url);
    const tokens = await connectUser(url, oauth);
    const response = await oauth.revokeToken(tokens.refresh_token ?? '');
    expect(response.status).toBe(200);
    expect(response.data).toEqual({});

    expect(await rejectionOf(oauth.refreshAccessToken())).toEqual(REVOKED);
    expect(await userinfoStatus(tokens.access_token)).toBe(401);
  });

  it('revokes the whole grant from an access token, but not other grants', async () => {
    const oauth = createOAuthClient(url);
    const tokens = await connectUser(url, oauth);
    const otherGrant = await connectUser(url, createOAuthClient(url));
    await oauth.revokeCredentials();
    oauth.setCredentials({ refresh_token: tokens.refresh_token ?? '' });
    expect(await rejectionOf(oauth.refreshAccessToken())).toEqual(REVOKED);
    expect(await userinfoStatus(otherGrant.access_token)).toBe(200);
  });

  it('accepts the token in a form body and rejects unknown or already revoked tokens', async () => {
    const tokens = await connectUser(url, createOAuthClient(url));
    expect(await postForm(`${url}/revoke`, { token: tokens.refresh_token ?? '' })).toMatchObject({ status: 200, body: {} });
    const again = await postForm(`${url}/revoke`, { token: tokens.refresh_token ?? '' });
    expect(again).toMatchObject({ status: 400, body: { error: 'invalid_token', error_description: 'Token expired or revoked' } });
    expect(await postForm(`${url}/revoke`, { token: 'ya29.unknown' })).toMatchObject({ status: 400, body: { error: 'invalid_token' } });
    expect((await postForm(`${url}/revoke`, {})).status).toBe(400);
  });
});

describe('POST /__emulator/users/:email/revoke', () => {
  it('revokes every grant of the user, case-insensitively', async () => {
    const first = createOAuthClient(url);
    const firstTokens = await connectUser(url, first, { email: 'ana@example.com' });
    const second = createOAuthClient(url);
    const secondTokens = await connectUser(url, second, { email: 'ana@example.com' });
    const bruno = await connectUser(url, createOAuthClient(url), { email: 'bruno@example.com' });
    expect(secondTokens.refresh_token).not.toBe(firstTokens.refresh_token); // one consent, one grant

    expect(await control(url, 'POST', `/users/${encodeURIComponent('Ana@Example.com')}/revoke`)).toEqual({ revoked: 2 });
    expect(await rejectionOf(first.refreshAccessToken())).toEqual(REVOKED);
    expect(await rejectionOf(second.refreshAccessToken())).toEqual(REVOKED);
    expect(await userinfoStatus(firstTokens.access_token)).toBe(401);
    expect(await userinfoStatus(bruno.access_token)).toBe(200);
    expect(await control(url, 'POST', '/users/ana@example.com/revoke')).toEqual({ revoked: 0 });
  });

  it('makes a not yet redeemed code useless', async () => {
    const oauth = createOAuthClient(url);
    const request = await createAuthRequest(oauth, { loginHint: USER_EMAIL });
    const callback = await approveInConsentPage(url, request.authUrl);
    await control(url, 'POST', `/users/${USER_EMAIL}/revoke`);
    const failure = await rejectionOf(oauth.getToken({ code: callback.get('code') ?? '', codeVerifier: request.codeVerifier }));
    expect(failure.data.error).toBe('invalid_grant');
  });
});

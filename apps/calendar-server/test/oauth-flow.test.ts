import fs from 'node:fs';
import { invalidRequestSchema } from '@agendo/contracts';
import { approveConsent, denyConsent } from '@agendo/google-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALENDAR_SCOPES } from '../src/oauth/calendar-scopes.js';
import { ADMIN_ORIGIN, type Harness, ON_POSTGRES, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

async function authorize(customerId: string, email: string, delivery?: 'popup' | 'link') {
  const res = await h.api('/oauth/authorize', { method: 'POST', json: { customer_id: customerId, email, name: 'Juan Pérez', ...(delivery ? { delivery } : {}) } });
  expect(res.status).toBe(200);
  return (await res.json()) as { authorization_url: string; state: string; expires_at: string };
}

/** Follows Google's redirect back to our callback, as the browser would. */
async function callback(redirectUrl: string): Promise<{ status: number; html: string; csp: string | null }> {
  const res = await fetch(redirectUrl, { redirect: 'manual' });
  return { status: res.status, html: await res.text(), csp: res.headers.get('content-security-policy') };
}

async function status(customerId: string) {
  const res = await h.api(`/oauth/status/${encodeURIComponent(customerId)}`);
  expect(res.status).toBe(200);
  return (await res.json()) as { customer_id: string; status: string; email: string | null; scopes: string[]; connected_at: string | null };
}

async function emulatorCounts(): Promise<Record<string, number>> {
  return ((await (await fetch(`${h.emulator.url}/__emulator/requests`)).json()) as { counts: Record<string, number> }).counts;
}

describe('connecting a calendar through OAuth2', () => {
  it('builds a Google authorization URL with offline access, consent, PKCE S256, login_hint and a state', async () => {
    const { authorization_url, state, expires_at } = await authorize('cliente-url', 'cliente-url@ejemplo.com');
    const url = new URL(authorization_url);
    expect(url.origin + url.pathname).toBe(`${h.emulator.url}/o/oauth2/v2/auth`);
    const p = url.searchParams;
    expect(p.get('access_type')).toBe('offline');
    expect(p.get('prompt')).toBe('consent');
    expect(p.get('include_granted_scopes')).toBe('true');
    expect(p.get('login_hint')).toBe('cliente-url@ejemplo.com');
    expect(p.get('code_challenge_method')).toBe('S256');
    expect(p.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(p.get('state')).toBe(state);
    expect(p.get('redirect_uri')).toBe(h.config.google.redirectUri);
    expect(p.get('scope')?.split(' ').sort()).toEqual(['email', 'openid', ...CALENDAR_SCOPES].sort());
    const ttl = Date.parse(expires_at) - Date.now();
    expect(ttl).toBeGreaterThan(9 * 60_000);
    expect(ttl).toBeLessThanOrEqual(10 * 60_000);
  });

  it('a link for the customer lives up to 7 days', async () => {
    const { expires_at } = await authorize('cliente-link', 'cliente-link@ejemplo.com', 'link');
    const ttl = Date.parse(expires_at) - Date.now();
    expect(ttl).toBeGreaterThan(6.9 * 24 * 3600_000);
    expect(ttl).toBeLessThanOrEqual(7 * 24 * 3600_000);
  });

  it('authorize → consent → callback → connected, tells the opening admin page, and stores no token in clear', async () => {
    const { authorization_url } = await authorize('cliente-123', 'cliente@ejemplo.com');
    const redirect = await approveConsent(authorization_url);
    expect(redirect.startsWith(h.config.google.redirectUri)).toBe(true);
    const page = await callback(redirect);
    expect(page.status).toBe(200);
    expect(page.html).toContain('¡Calendario conectado!');
    expect(page.html).toContain('cliente@ejemplo.com');
    expect(page.html).toContain('"type":"agendo:calendar-connected"');
    expect(page.html).toContain('"customer_id":"cliente-123"');
    expect(page.html).toContain(`"origin":"${ADMIN_ORIGIN}"`);
    expect(page.csp).toMatch(/script-src 'nonce-/);

    const s = await status('cliente-123');
    expect(s).toMatchObject({ customer_id: 'cliente-123', status: 'connected', email: 'cliente@ejemplo.com' });
    expect(s.scopes).toEqual(expect.arrayContaining([...CALENDAR_SCOPES]));
    expect(Date.parse(s.connected_at ?? '')).toBeGreaterThan(Date.now() - 60_000);

    const stored = await h.server.vault.get('cliente-123');
    expect(stored?.tokens.accessToken).toMatch(/^ya29\./);
    expect(stored?.tokens.refreshToken).toMatch(/^1\/\//);
    // What is at rest: the SQLite file (and journal), or every column of the PostgreSQL rows.
    const rows = await h.server.database.db.selectFrom('connections').selectAll().execute();
    const files = ON_POSTGRES ? [] : [h.config.tokenDbPath, `${h.config.tokenDbPath}-wal`].filter((f) => fs.existsSync(f));
    const bytes = Buffer.concat([
      ...files.map((f) => fs.readFileSync(f)),
      ...(ON_POSTGRES ? rows.flatMap((r) => [Buffer.from(JSON.stringify({ ...r, nonce: undefined, ciphertext: undefined })), r.nonce, r.ciphertext]) : []),
    ]);
    expect(bytes.includes(Buffer.from('cliente-123'))).toBe(true);
    expect(bytes.includes(Buffer.from(stored!.tokens.accessToken))).toBe(false);
    expect(bytes.includes(Buffer.from(stored!.tokens.refreshToken))).toBe(false);
  });

  it('compares the email case-insensitively', async () => {
    const { authorization_url } = await authorize('cliente-mayus', 'Cliente.Mayus@Ejemplo.com');
    const page = await callback(await approveConsent(authorization_url, { email: 'cliente.mayus@ejemplo.COM' }));
    expect(page.status).toBe(200);
    expect((await status('cliente-mayus')).status).toBe('connected');
  });

  it('reconnecting replaces the tokens', async () => {
    const { authorization_url } = await authorize('cliente-re', 're@ejemplo.com');
    await callback(await approveConsent(authorization_url));
    const before = await h.server.vault.get('cliente-re');
    const second = await authorize('cliente-re', 're@ejemplo.com');
    expect((await callback(await approveConsent(second.authorization_url))).status).toBe(200);
    const after = await h.server.vault.get('cliente-re');
    expect(after?.tokens.accessToken).not.toBe(before?.tokens.accessToken);
    expect((await status('cliente-re')).status).toBe('connected');
  });
});

describe('the callback refuses and stores nothing', () => {
  it('for a forged state', async () => {
    const page = await callback(`${h.server.url}/oauth/callback?code=4/forged&state=${'x'.repeat(43)}`);
    expect(page.status).toBe(400);
    expect(page.html).toContain('Enlace de autorización no válido');
  });

  it('for a callback without state', async () => {
    const page = await callback(`${h.server.url}/oauth/callback?code=abc`);
    expect(page.status).toBe(400);
    expect(page.html).toContain('Solicitud incompleta');
  });

  it('for a replayed state', async () => {
    const { authorization_url } = await authorize('cliente-replay', 'replay@ejemplo.com');
    const redirect = await approveConsent(authorization_url);
    expect((await callback(redirect)).status).toBe(200);
    const again = await callback(redirect);
    expect(again.status).toBe(409);
    expect(again.html).toContain('Este enlace ya se utilizó');
    expect((await status('cliente-replay')).status).toBe('connected');
  });

  it('for an expired state', async () => {
    const { authorization_url, state } = await authorize('cliente-expired', 'expired@ejemplo.com');
    const redirect = await approveConsent(authorization_url);
    const changed = await h.server.database.db
      .updateTable('oauth_states')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('customer_id', '=', 'cliente-expired')
      .executeTakeFirst();
    expect(changed.numUpdatedRows).toBe(1n);
    expect(new URL(redirect).searchParams.get('state')).toBe(state);
    const page = await callback(redirect);
    expect(page.status).toBe(410);
    expect(page.html).toContain('El enlace caducó');
    expect((await status('cliente-expired')).status).toBe('not_connected');
  });

  it('when the user denies access', async () => {
    const { authorization_url } = await authorize('cliente-deny', 'deny@ejemplo.com');
    const redirect = await denyConsent(authorization_url);
    expect(new URL(redirect).searchParams.get('error')).toBe('access_denied');
    const page = await callback(redirect);
    expect(page.status).toBe(403);
    expect(page.html).toContain('Autorización cancelada');
    expect(page.html).toContain('"type":"agendo:calendar-error"');
    expect(page.html).toContain('"reason":"access_denied"');
    expect((await status('cliente-deny')).status).toBe('not_connected');
  });

  it('when a calendar scope was unticked, and revokes that grant', async () => {
    const revokesBefore = (await emulatorCounts()).revoke ?? 0;
    const { authorization_url } = await authorize('cliente-scope', 'scope@ejemplo.com');
    const page = await callback(await approveConsent(authorization_url, { uncheckScopes: [CALENDAR_SCOPES[0]] }));
    expect(page.status).toBe(403);
    expect(page.html).toContain('Falta el permiso del calendario');
    expect((await status('cliente-scope')).status).toBe('not_connected');
    expect((await emulatorCounts()).revoke).toBe(revokesBefore + 1);
  });

  it('when the Google account is not the customer’s email', async () => {
    const { authorization_url } = await authorize('cliente-mismatch', 'cliente@ejemplo.com');
    const page = await callback(await approveConsent(authorization_url, { email: 'otra.persona@ejemplo.com' }));
    expect(page.status).toBe(403);
    expect(page.html).toContain('La cuenta no coincide');
    expect(page.html).toContain('otra.persona@ejemplo.com');
    expect((await status('cliente-mismatch')).status).toBe('not_connected');
  });

  it('when the code was already spent at Google', async () => {
    const { authorization_url } = await authorize('cliente-code', 'code@ejemplo.com');
    const redirect = new URL(await approveConsent(authorization_url));
    const second = await authorize('cliente-code', 'code@ejemplo.com');
    const secondRedirect = new URL(await approveConsent(second.authorization_url));
    expect((await callback(redirect.href)).status).toBe(200);
    // Same (spent) code with a fresh, valid state: Google refuses the exchange.
    secondRedirect.searchParams.set('code', redirect.searchParams.get('code') ?? '');
    const page = await callback(secondRedirect.href);
    expect(page.status).toBe(400);
    expect(page.html).toContain('No se pudo completar la autorización');
  });
});

describe('access to the API', () => {
  it.each([
    ['POST', '/oauth/authorize'],
    ['GET', '/oauth/status/cliente-123'],
    ['DELETE', '/oauth/connections/cliente-123'],
  ])('%s %s needs the bearer API key', async (method, pathname) => {
    const body = method === 'POST' ? { customer_id: 'cliente-123', email: 'cliente@ejemplo.com' } : undefined;
    for (const auth of [null, 'wrong-key', '']) {
      const res = await h.api(pathname, { method, auth, json: body });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
    expect((await status('cliente-123')).status).toBe('connected');
  });

  it('health and callback need no key', async () => {
    const res = await h.api('/healthz', { auth: null });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', mode: 'emulator' });
  });

  it.each(['bad id', 'x'.repeat(65), 'semi;colon', 'ñandú'])('refuses the malformed customer_id %j everywhere', async (bad) => {
    const post = await h.api('/oauth/authorize', { method: 'POST', json: { customer_id: bad, email: 'a@b.co' } });
    expect(post.status).toBe(400);
    // The one 400 of both services (@agendo/contracts' invalid_request): the admin's `fields`, the programs' `issues`.
    const body = invalidRequestSchema.parse(await post.json());
    expect(body.issues[0]?.path).toBe('customer_id');
    expect(body.fields.customer_id).toMatch(/^El ID del cliente /);
    expect((await h.api(`/oauth/status/${encodeURIComponent(bad)}`)).status).toBe(400);
    expect((await h.api(`/oauth/connections/${encodeURIComponent(bad)}`, { method: 'DELETE' })).status).toBe(400);
  });

  it('refuses a bad email or body with a field error', async () => {
    const res = await h.api('/oauth/authorize', { method: 'POST', json: { customer_id: 'ok-1', email: 'not-an-email' } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { issues: { path: string }[] }).issues[0]?.path).toBe('email');
    const garbage = await h.api('/oauth/authorize', { method: 'POST', body: '{nope', headers: { 'content-type': 'application/json' } });
    expect(garbage.status).toBe(400);
  });
});

describe('statuses of a page of customers', () => {
  it('answers several customers in one call, in the order asked, behind the key', async () => {
    const res = await h.api('/oauth/statuses', { method: 'POST', json: { customer_ids: ['nadie-1', 'cliente-123', 'cliente-deny'] } });
    expect(res.status).toBe(200);
    const { statuses } = (await res.json()) as { statuses: { customer_id: string; status: string; email: string | null }[] };
    expect(statuses.map((x) => [x.customer_id, x.status, x.email])).toEqual([
      ['nadie-1', 'not_connected', null],
      ['cliente-123', 'connected', 'cliente@ejemplo.com'],
      ['cliente-deny', 'not_connected', null],
    ]);
    expect((await h.api('/oauth/statuses', { method: 'POST', json: { customer_ids: [] }, auth: null })).status).toBe(401);
    const tooMany = await h.api('/oauth/statuses', { method: 'POST', json: { customer_ids: Array.from({ length: 101 }, (_, i) => `c-${i}`) } });
    expect(tooMany.status).toBe(400);
    expect((await h.api('/oauth/statuses', { method: 'POST', json: { customer_ids: ['bad id'] } })).status).toBe(400);
  });
});

describe('disconnecting', () => {
  it('revokes at Google and deletes the tokens', async () => {
    const { authorization_url } = await authorize('cliente-bye', 'bye@ejemplo.com');
    await callback(await approveConsent(authorization_url));
    const refreshToken = (await h.server.vault.get('cliente-bye'))!.tokens.refreshToken;
    const res = await h.api('/oauth/connections/cliente-bye', { method: 'DELETE' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ customer_id: 'cliente-bye', disconnected: true, revoked: true, authorizations_revoked: 0 });
    expect((await status('cliente-bye')).status).toBe('not_connected');
    const refresh = await fetch(`${h.emulator.url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: h.config.google.clientId, client_secret: h.config.google.clientSecret }),
    });
    expect(refresh.status).toBe(400);
    expect(((await refresh.json()) as { error: string }).error).toBe('invalid_grant');
    const again = await h.api('/oauth/connections/cliente-bye', { method: 'DELETE' });
    expect(await again.json()).toEqual({ customer_id: 'cliente-bye', disconnected: false, revoked: false, authorizations_revoked: 0 });
  });
});

import { approveConsent } from '@agendo/google-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

async function link(customerId: string, email: string, delivery: 'popup' | 'link' = 'link'): Promise<string> {
  const res = await h.api('/oauth/authorize', { method: 'POST', json: { customer_id: customerId, email, delivery } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { authorization_url: string }).authorization_url;
}

async function open(authorizationUrl: string, email?: string): Promise<{ status: number; html: string }> {
  const res = await fetch(await approveConsent(authorizationUrl, email ? { email } : {}), { redirect: 'manual' });
  return { status: res.status, html: await res.text() };
}

async function status(customerId: string) {
  const res = await h.api(`/oauth/status/${encodeURIComponent(customerId)}`);
  return (await res.json()) as { status: string; email: string | null; also_connected_for: string[] };
}

async function storedConnections(customerId: string): Promise<number> {
  const rows = await h.server.database.db.selectFrom('connections').select('customer_id').where('customer_id', '=', customerId).execute();
  return rows.length;
}

async function revokeCount(): Promise<number> {
  const { counts } = (await h.control('/requests')) as { counts: Record<string, number> };
  return counts.revoke ?? 0;
}

function expectInvalidLinkPage(page: { status: number; html: string }, customerId: string): void {
  expect(page.status).toBe(410);
  expect(page.html).toContain('Este enlace ya no es válido');
  expect(page.html).toContain('"type":"agendo:calendar-error"');
  expect(page.html).toContain('"reason":"state_revoked"');
  expect(page.html).toContain(`"customer_id":"${customerId}"`);
}

describe('disconnecting invalidates every outstanding authorization of the customer', () => {
  it('a link opened after "Desconectar" stores nothing and shows a 4xx page', async () => {
    await h.connect('rev-disc', 'rev-disc@ejemplo.com');
    const pending = await link('rev-disc', 'rev-disc@ejemplo.com');
    const popup = await link('rev-disc', 'rev-disc@ejemplo.com', 'popup');
    const res = await h.api('/oauth/connections/rev-disc', { method: 'DELETE' });
    expect(await res.json()).toMatchObject({ customer_id: 'rev-disc', disconnected: true, authorizations_revoked: 2 });
    expectInvalidLinkPage(await open(pending), 'rev-disc');
    expectInvalidLinkPage(await open(popup), 'rev-disc');
    expect((await status('rev-disc')).status).toBe('not_connected');
    expect(await storedConnections('rev-disc')).toBe(0);
  });

  it('also when the customer was not connected yet', async () => {
    const pending = await link('rev-never', 'rev-never@ejemplo.com');
    const res = await h.api('/oauth/connections/rev-never', { method: 'DELETE' });
    expect(await res.json()).toMatchObject({ disconnected: false, authorizations_revoked: 1 });
    expectInvalidLinkPage(await open(pending), 'rev-never');
    expect(await storedConnections('rev-never')).toBe(0);
  });

  it('a callback already exchanging its code when the admin disconnects stores nothing, and its grant is revoked', async () => {
    const pending = await link('rev-race', 'rev-race@ejemplo.com');
    const redirect = await approveConsent(pending);
    const revokesBefore = await revokeCount();
    await h.control('/faults', { json: { endpoint: 'token.authorization_code', latencyMs: 400 } });
    const page = fetch(redirect, { redirect: 'manual' }).then(async (r) => ({ status: r.status, html: await r.text() }));
    await new Promise((resolve) => setTimeout(resolve, 150));
    const res = await h.api('/oauth/connections/rev-race', { method: 'DELETE' });
    expect(res.status).toBe(200);
    expectInvalidLinkPage(await page, 'rev-race');
    expect(await storedConnections('rev-race')).toBe(0);
    expect((await status('rev-race')).status).toBe('not_connected');
    expect(await revokeCount()).toBe(revokesBefore + 1);
  });

  it('a new authorization after disconnecting works', async () => {
    await h.api('/oauth/connections/rev-again', { method: 'DELETE' });
    const fresh = await link('rev-again', 'rev-again@ejemplo.com');
    expect((await open(fresh)).status).toBe(200);
    expect((await status('rev-again')).status).toBe('connected');
  });

  it('needs the API key', async () => {
    expect((await h.api('/oauth/customers/rev-disc', { method: 'DELETE', auth: null })).status).toBe(401);
  });
});

describe('deleting a customer (DELETE /oauth/customers/:customer_id)', () => {
  it('disconnects, invalidates every outstanding link, and a reused ID inherits nothing', async () => {
    await h.connect('rev-del', 'anterior@ejemplo.com');
    const oldLink = await link('rev-del', 'anterior@ejemplo.com');
    const res = await h.api('/oauth/customers/rev-del', { method: 'DELETE' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ customer_id: 'rev-del', disconnected: true, revoked: true, authorizations_revoked: 1 });
    expect(await status('rev-del')).toMatchObject({ status: 'not_connected', email: null });

    // A new customer with the same ID and another email: starts not connected, and the old link,
    // opened by the previous owner, does not connect it to their account.
    const newLink = await link('rev-del', 'nuevo@ejemplo.com');
    expectInvalidLinkPage(await open(oldLink, 'anterior@ejemplo.com'), 'rev-del');
    expect(await status('rev-del')).toMatchObject({ status: 'not_connected', email: null });
    expect(await storedConnections('rev-del')).toBe(0);

    expect((await open(newLink)).status).toBe(200);
    expect(await status('rev-del')).toMatchObject({ status: 'connected', email: 'nuevo@ejemplo.com' });
  });

  it('forgets the pending authorizations: no email or PKCE verifier of the deleted customer stays behind', async () => {
    await link('rev-forget', 'olvidar@ejemplo.com');
    await h.api('/oauth/customers/rev-forget', { method: 'DELETE' });
    const rows = await h.server.database.db.selectFrom('oauth_states').select(['expected_email', 'code_verifier']).where('customer_id', '=', 'rev-forget').execute();
    for (const row of rows) expect(row).toEqual({ expected_email: '', code_verifier: '' });
  });

  it('is idempotent and validates the ID', async () => {
    const res = await h.api('/oauth/customers/rev-nobody', { method: 'DELETE' });
    expect(await res.json()).toEqual({ customer_id: 'rev-nobody', disconnected: false, revoked: false, authorizations_revoked: 0 });
    expect((await h.api('/oauth/customers/bad%20id', { method: 'DELETE' })).status).toBe(400);
  });
});

import path from 'node:path';
import { approveConsent } from '@agendo/google-emulator';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type System, startSystem } from './system-harness.js';

let s: System;
beforeAll(async () => {
  s = await startSystem();
});
afterAll(async () => {
  await s?.close();
});

type Json = Record<string, unknown>;
const json = async (res: Response) => (await res.json()) as Json;

async function sendLink(customerId: string): Promise<string> {
  const res = await s.admin(`/api/admin/customers/${customerId}/calendar/connect`, { json: { delivery: 'link' } });
  expect(res.status).toBe(200);
  return String((await json(res)).authorization_url);
}

/** The calendar server's own rows about a customer, read from its token database. */
function calendarServerRows(customerId: string): { connections: number; states: { expected_email: string; code_verifier: string; revoked_at: string | null }[] } {
  const sqlite = new SQLite(path.join(s.dataDir, 'calendar', 'tokens.db'), { readonly: true });
  try {
    const { n } = sqlite.prepare('select count(*) as n from connections where customer_id = ?').get(customerId) as { n: number };
    const states = sqlite.prepare('select expected_email, code_verifier, revoked_at from oauth_states where customer_id = ?').all(customerId) as {
      expected_email: string;
      code_verifier: string;
      revoked_at: string | null;
    }[];
    return { connections: n, states };
  } finally {
    sqlite.close();
  }
}

describe('deleting a customer reaches the calendar server', () => {
  it('an old link opened after the deletion stores nothing, and a new customer with the same ID inherits nothing', async () => {
    await s.addConnectedCustomer({ customer_id: 'borrado-1', email: 'anterior@ejemplo.com', name: 'Ana' });
    const oldLink = await sendLink('borrado-1');

    const deleted = await s.admin('/api/admin/customers/borrado-1', { method: 'DELETE' });
    expect(deleted.status).toBe(200);
    expect(await json(deleted)).toEqual({ deleted: true, calendar_disconnected: true });

    // The calendar server forgot the customer: no tokens, every state revoked and emptied of the email.
    const rows = calendarServerRows('borrado-1');
    expect(rows.connections).toBe(0);
    expect(rows.states.length).toBeGreaterThan(0);
    for (const state of rows.states) expect(state).toMatchObject({ expected_email: '', code_verifier: '', revoked_at: expect.any(String) });

    // The previous owner opens the 7-day link after the deletion.
    const page = await fetch(await approveConsent(oldLink, { email: 'anterior@ejemplo.com' }), { redirect: 'manual' });
    expect(page.status).toBe(410);
    const html = await page.text();
    expect(html).toContain('Este enlace ya no es válido');
    expect(html).toContain('"type":"agendo:calendar-error"');
    expect(calendarServerRows('borrado-1').connections).toBe(0);

    // A new customer takes the same ID: not connected, and not to the previous owner's account.
    expect((await s.admin('/api/admin/customers', { json: { customer_id: 'borrado-1', email: 'nueva@ejemplo.com', name: 'Nora' } })).status).toBe(201);
    const reused = await json(await s.admin('/api/admin/customers/borrado-1'));
    expect(reused.calendar).toMatchObject({ status: 'not_connected', email: null });
    const replay = await fetch(await approveConsent(oldLink, { email: 'anterior@ejemplo.com' }), { redirect: 'manual' });
    expect(replay.status).toBeGreaterThanOrEqual(400);
    expect(replay.status).toBeLessThan(500);
    expect((await json(await s.admin('/api/admin/customers/borrado-1/calendar'))).status).toBe('not_connected');
  });

  it('keeps the customer when the calendar server cannot forget them, and says so', async () => {
    expect((await s.admin('/api/admin/customers', { json: { customer_id: 'borrado-2', email: 'b2@ejemplo.com' } })).status).toBe(201);
    await s.calendarServer.app.close();
    const res = await s.admin('/api/admin/customers/borrado-2', { method: 'DELETE' });
    expect(res.status).toBe(502);
    expect(String((await json(res)).message)).toMatch(/servidor de calendario/);
    expect((await s.admin('/api/admin/customers/borrado-2')).status).toBe(200);
  });
});

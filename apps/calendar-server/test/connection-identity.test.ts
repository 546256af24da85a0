import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

interface StatusOut {
  customer_id: string;
  status: string;
  email: string | null;
  also_connected_for: string[];
}

async function status(customerId: string): Promise<StatusOut> {
  const res = await h.api(`/oauth/status/${encodeURIComponent(customerId)}`);
  expect(res.status).toBe(200);
  return (await res.json()) as StatusOut;
}

describe('which Google account and calendar a connection reaches', () => {
  it("stores the account's sub from the verified id_token and the calendar id with each connection", async () => {
    await h.connect('ident-a', 'compartida@ejemplo.com');
    await h.connect('ident-b', 'compartida@ejemplo.com');
    await h.connect('ident-c', 'otra@ejemplo.com');
    const [a, b, c] = await Promise.all(['ident-a', 'ident-b', 'ident-c'].map((id) => h.server.vault.get(id)));
    expect(a?.googleSub).toMatch(/^\d{21}$/);
    expect(b?.googleSub).toBe(a?.googleSub);
    expect(c?.googleSub).toMatch(/^\d{21}$/);
    expect(c?.googleSub).not.toBe(a?.googleSub);
    expect(a?.calendarId).toBe('primary');
  });

  it('status tells which other customers are connected to the same Google account, one by one and in bulk', async () => {
    expect((await status('ident-a')).also_connected_for).toEqual(['ident-b']);
    expect((await status('ident-b')).also_connected_for).toEqual(['ident-a']);
    expect((await status('ident-c')).also_connected_for).toEqual([]);
    expect((await status('ident-nadie')).also_connected_for).toEqual([]);
    const res = await h.api('/oauth/statuses', { method: 'POST', json: { customer_ids: ['ident-c', 'ident-a', 'ident-nadie', 'ident-b'] } });
    const { statuses } = (await res.json()) as { statuses: StatusOut[] };
    expect(statuses.map((s) => [s.customer_id, s.also_connected_for])).toEqual([
      ['ident-c', []],
      ['ident-a', ['ident-b']],
      ['ident-nadie', []],
      ['ident-b', ['ident-a']],
    ]);
  });

  it('a connection stored before google_sub existed (null) is matched by email', async () => {
    await h.connect('ident-old', 'antigua@ejemplo.com');
    await h.connect('ident-new', 'Antigua@ejemplo.com');
    await h.server.database.db.updateTable('connections').set({ google_sub: null }).where('customer_id', '=', 'ident-old').execute();
    expect((await h.server.vault.get('ident-old'))?.googleSub).toBeNull();
    expect((await status('ident-new')).also_connected_for).toEqual(['ident-old']);
    expect((await status('ident-old')).also_connected_for).toEqual(['ident-new']);
  });
});

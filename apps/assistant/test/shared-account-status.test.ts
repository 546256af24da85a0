// Item 3 of issue 9 (the assistant's part): the admin API passes on the calendar server's
// `also_connected_for` — the other customers connected to the same Google account — in the calendar
// status of one customer and in the customer list, so the admin can warn.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type System, startSystem } from './system-harness.js';

let s: System;
beforeAll(async () => {
  s = await startSystem();
  await s.addConnectedCustomer({ customer_id: 'cliente-123', email: 'compartida@ejemplo.com' });
  await s.addConnectedCustomer({ customer_id: 'cliente-456', email: 'compartida@ejemplo.com' });
  await s.addConnectedCustomer({ customer_id: 'cliente-solo', email: 'sola@ejemplo.com' });
});
afterAll(async () => {
  await s?.close();
});

describe('a Google account connected for two customers', () => {
  it('GET /api/admin/customers/:id/calendar and GET /api/admin/customers/:id name the other customer', async () => {
    const status = (await (await s.admin('/api/admin/customers/cliente-123/calendar')).json()) as { status: string; also_connected_for: string[] };
    expect(status).toMatchObject({ status: 'connected', also_connected_for: ['cliente-456'] });
    const customer = (await (await s.admin('/api/admin/customers/cliente-456')).json()) as { calendar: { also_connected_for: string[] } };
    expect(customer.calendar.also_connected_for).toEqual(['cliente-123']);
  });

  it('the customer list carries it on each row', async () => {
    const page = (await (await s.admin('/api/admin/customers')).json()) as { items: { customer_id: string; calendar: { also_connected_for: string[] } | null }[] };
    const shared = Object.fromEntries(page.items.map((c) => [c.customer_id, c.calendar?.also_connected_for]));
    expect(shared).toEqual({ 'cliente-123': ['cliente-456'], 'cliente-456': ['cliente-123'], 'cliente-solo': [] });
  });
});

// Item 8 of issue 9: customer IDs and phones share one namespace for WhatsApp sender matching, so a
// customer ID equal to another customer's phone (or a phone equal to another customer's ID) is a 409.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type System, startSystem } from './system-harness.js';

let s: System;
beforeAll(async () => {
  s = await startSystem();
  for (const c of [
    { customer_id: 'ana', email: 'ana@ejemplo.com', phone: '+34 600 111 222' },
    { customer_id: '5215512345678', email: 'numero@ejemplo.com' },
    { customer_id: 'luis', email: 'luis@ejemplo.com', phone: '+52 55 9999 0000' },
  ]) {
    const res = await s.admin('/api/admin/customers', { json: c });
    if (res.status !== 201) throw new Error(`setup: ${res.status} ${await res.text()}`);
  }
});
afterAll(async () => {
  await s?.close();
});

type Json = { error?: string; message?: string; fields?: Record<string, string> };
const json = async (res: Response) => (await res.json()) as Json;

describe('customer IDs and phones share one namespace', () => {
  it.each(['34600111222', '+34600111222', '0034600111222', '34-600-111-222', '34.600.111.222'])(
    "refuses a new customer whose ID %s is another customer's phone, and stores nothing",
    async (id) => {
      const res = await s.admin('/api/admin/customers', { json: { customer_id: id, email: 'nuevo@ejemplo.com' } });
      expect(res.status).toBe(409);
      const body = await json(res);
      expect(body.error).toBe('duplicate');
      expect(body.fields?.customer_id).toBe(
        `El ID «${id}» es el teléfono de otro cliente (ana). Los IDs y los teléfonos identifican al remitente de WhatsApp, así que no pueden coincidir entre clientes.`,
      );
      expect(body.message).toBe(body.fields?.customer_id);
      expect((await s.admin(`/api/admin/customers/${encodeURIComponent(id)}`)).status).toBe(404);
    },
  );

  it.each(['+52 1 55 1234 5678', '5215512345678', '00 52 155 1234 5678'])("refuses a new customer whose phone %s is another customer's ID", async (phone) => {
    const res = await s.admin('/api/admin/customers', { json: { customer_id: 'marta', email: 'marta@ejemplo.com', phone } });
    expect(res.status).toBe(409);
    const body = await json(res);
    expect(body.fields?.phone).toBe(
      `El teléfono +5215512345678 es el ID de otro cliente (5215512345678). Los IDs y los teléfonos identifican al remitente de WhatsApp, así que no pueden coincidir entre clientes.`,
    );
    expect((await s.admin('/api/admin/customers/marta')).status).toBe(404);
  });

  it("refuses an ID that is the same number as another customer's ID", async () => {
    const res = await s.admin('/api/admin/customers', { json: { customer_id: '+5215512345678', email: 'gemelo@ejemplo.com' } });
    expect(res.status).toBe(409);
    expect((await json(res)).fields?.customer_id).toMatch(/^El ID «\+5215512345678» es el mismo número que el ID de otro cliente \(5215512345678\)\./);
  });

  it("refuses changing a phone to another customer's ID or phone, and keeps the old one", async () => {
    const toId = await s.admin('/api/admin/customers/luis', { method: 'PATCH', json: { phone: '+52 1 55 1234 5678' } });
    expect(toId.status).toBe(409);
    expect((await json(toId)).fields?.phone).toMatch(/^El teléfono \+5215512345678 es el ID de otro cliente \(5215512345678\)\./);
    const toPhone = await s.admin('/api/admin/customers/luis', { method: 'PATCH', json: { phone: '+34 600 111 222' } });
    expect(toPhone.status).toBe(409);
    expect((await json(toPhone)).fields?.phone).toBe('El teléfono 34600111222 ya pertenece a otro cliente.');
    expect(await json(await s.admin('/api/admin/customers/luis'))).toMatchObject({ phone: '525599990000' });
  });

  it('a customer may keep its own ID as its phone, and an ID that only looks like digits of nobody is fine', async () => {
    const own = await s.admin('/api/admin/customers', { json: { customer_id: '34611000111', email: 'propio@ejemplo.com', phone: '+34 611 000 111' } });
    expect(own.status).toBe(201);
    expect((await s.admin('/api/admin/customers/34611000111', { method: 'PATCH', json: { phone: '34611000111' } })).status).toBe(200);
    expect((await s.admin('/api/admin/customers', { json: { customer_id: 'cliente-34600111222', email: 'c@ejemplo.com' } })).status).toBe(201);
  });

  it("the phone's WhatsApp messages still go to the phone's owner", async () => {
    const found = await s.assistant.customers.findBySender('34600111222');
    expect(found?.customer_id).toBe('ana');
  });
});

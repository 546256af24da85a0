import { activityPageSchema, conversationPageSchema, customerBookingsSchema, customerRemindersSchema } from '@agendo/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type System, startSystem } from './system-harness.js';

// Wednesday 13 January 2027, 10:00 in Mexico City: "mañana" is Thursday 14/01.
const NOW = new Date('2027-01-13T10:00:00-06:00');
const JUAN = { customer_id: 'cliente-123', email: 'cliente@ejemplo.com', name: 'Juan Pérez', phone: '5215512345678' };
const at = (iso: string) => Date.parse(iso);

let s: System;
beforeAll(async () => {
  s = await startSystem({ clock: () => NOW });
  await s.addConnectedCustomer(JUAN, 'America/Mexico_City');
});
afterAll(async () => {
  await s?.close();
});

const get = async (pathname: string) => {
  const res = await s.admin(pathname);
  expect(res.status).toBe(200);
  return res.json();
};

describe("the customer page's API (issue 13, item 3)", () => {
  it('shows a booking made through the chat in the bookings, the conversation, the reminders and the activity log', async () => {
    expect(customerBookingsSchema.parse(await get('/api/admin/customers/cliente-123/bookings')).bookings).toEqual([]);

    await s.chat(JUAN.customer_id, 'Hola, quiero reservar para mañana a las 3 PM');
    expect(await s.chat(JUAN.customer_id, 'Sí, confirmo')).toEqual(['¡Reserva confirmada! Se ha creado en tu Google Calendar. Recibirás un recordatorio automático.']);

    const bookings = customerBookingsSchema.parse(await get('/api/admin/customers/cliente-123/bookings'));
    expect(bookings.calendar_error).toBeNull();
    expect(bookings.bookings).toHaveLength(1);
    const booking = bookings.bookings[0];
    expect(at(booking?.start ?? '')).toBe(at('2027-01-14T15:00:00-06:00'));
    expect(booking?.title).toBe('Reserva con Peluquería Sol');

    const conversation = conversationPageSchema.parse(await get('/api/admin/customers/cliente-123/conversation'));
    // Newest first: the confirmation, the "sí", the two replies to the first message, the first message.
    expect(conversation.items.map((m) => [m.direction, m.channel, m.text])).toEqual([
      ['out', 'chat', '¡Reserva confirmada! Se ha creado en tu Google Calendar. Recibirás un recordatorio automático.'],
      ['in', 'chat', 'Sí, confirmo'],
      ['out', 'chat', '¡Perfecto! El horario está disponible. ¿Confirmas la reserva para mañana jueves 14 de enero a las 15:00?'],
      ['out', 'chat', '¡Hola Juan! Perfecto, déjame verificar disponibilidad en tu calendario para mañana jueves 14 de enero a las 15:00...'],
      ['in', 'chat', 'Hola, quiero reservar para mañana a las 3 PM'],
    ]);
    expect(conversation.total).toBe(5);
    expect(conversation.items[0]?.at).toBe(NOW.toISOString());

    const reminders = customerRemindersSchema.parse(await get('/api/admin/customers/cliente-123/reminders'));
    expect(reminders.items).toEqual([expect.objectContaining({ booking_id: booking?.booking_id, status: 'pending', sent_at: null })]);

    const activity = activityPageSchema.parse(await get('/api/admin/customers/cliente-123/activity'));
    expect(activity.items.map((e) => [e.kind, e.actor, e.booking_id])).toEqual([
      ['booked', 'customer', booking?.booking_id],
      // The harness connects through the admin's "Conectar" (a popup link), so the admin connected it.
      ['connected', 'admin', null],
    ]);
    expect(activity.items[0]?.at).toBe(NOW.toISOString());
  });

  it('pages the conversation, keeping only the last 100 messages', async () => {
    for (let i = 0; i < 50; i++) await s.chat(JUAN.customer_id, 'hola');
    const first = conversationPageSchema.parse(await get('/api/admin/customers/cliente-123/conversation?page=1&page_size=30'));
    expect(first.total).toBe(100);
    expect(first.items).toHaveLength(30);
    const last = conversationPageSchema.parse(await get('/api/admin/customers/cliente-123/conversation?page=4&page_size=30'));
    expect(last.items).toHaveLength(10);
    expect(conversationPageSchema.parse(await get('/api/admin/customers/cliente-123/conversation?page=5&page_size=30')).items).toEqual([]);
    expect((await s.admin('/api/admin/customers/cliente-123/conversation?page=0')).status).toBe(400);
  });

  it('records the disconnection by the admin, and answers 404 for an unknown customer', async () => {
    expect((await s.admin('/api/admin/customers/cliente-123/calendar', { method: 'DELETE' })).status).toBe(200);
    const activity = activityPageSchema.parse(await get('/api/admin/customers/cliente-123/activity'));
    expect(activity.items[0]).toMatchObject({ kind: 'disconnected', actor: 'admin' });
    const bookings = customerBookingsSchema.parse(await get('/api/admin/customers/cliente-123/bookings'));
    expect(bookings).toMatchObject({ bookings: [], calendar_error: 'not_connected' });
    for (const part of ['bookings', 'conversation', 'reminders', 'activity']) expect((await s.admin(`/api/admin/customers/nadie/${part}`)).status).toBe(404);
  });

  it('documents the new routes in the OpenAPI document', async () => {
    const doc = (await get('/api/admin/openapi.json')) as { paths: Record<string, unknown> };
    for (const part of ['bookings', 'conversation', 'reminders', 'activity']) expect(Object.keys(doc.paths)).toContain(`/api/admin/customers/{id}/${part}`);
  });
});

import { activityPageSchema, conversationPageSchema } from '@agendo/contracts';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type System, startSystem } from './system-harness.js';
import { GraphApiStandIn } from './whatsapp/graph-api-stand-in.js';
import { newMessageId, signedWebhook, textMessagePayload } from './whatsapp/webhook-fixtures.js';

/**
 * Issue 13, item 3: the activity log and the conversation over WhatsApp — a booking made, moved and
 * cancelled by the customer, a reminder sent by the assistant, each message stored with its channel.
 */

const ACCESS_TOKEN = 'EAAG-activity-token';
const PHONE_NUMBER_ID = '109876543211414';
const APP_SECRET = 'activity-app-secret';
const TEMPLATE = 'recordatorio_reserva';
const TZ = 'America/Mexico_City';
const ANA = { customer_id: 'cliente-ana', email: 'ana@ejemplo.com', name: 'Ana', phone: '5215511110077' };

let graph: GraphApiStandIn;
let s: System;
let offsetMs = 0;
const clock = () => new Date(Date.now() + offsetMs);

beforeAll(async () => {
  graph = await GraphApiStandIn.start({
    accessToken: ACCESS_TOKEN,
    phoneNumberIds: [PHONE_NUMBER_ID],
    templates: { [TEMPLATE]: 'Recordatorio: {{1}} a las {{2}} tienes tu reserva con {{3}}. Responde «cancelar» si no puedes.' },
  });
  s = await startSystem(
    {
      whatsapp: {
        verifyToken: 'verify-activity',
        appSecret: APP_SECRET,
        accessToken: ACCESS_TOKEN,
        phoneNumberId: PHONE_NUMBER_ID,
        apiBaseUrl: graph.baseUrl,
        apiVersion: 'v21.0',
      },
      clock,
    },
    { REMINDER_POLL_MS: '3600000' },
  );
  await s.addConnectedCustomer(ANA, TZ);
}, 60_000);
afterAll(async () => {
  await s?.close();
  await graph?.close();
});

async function webhook(body: string): Promise<void> {
  const signed = signedWebhook(APP_SECRET, textMessagePayload({ from: ANA.phone, id: newMessageId(), body, name: 'Ana', phoneNumberId: PHONE_NUMBER_ID }), {
    escapeNonAscii: true,
  });
  const res = await fetch(`${s.assistant.url}/webhooks/whatsapp`, { method: 'POST', headers: signed.headers, body: signed.body });
  expect(res.status).toBe(200);
  await s.assistant.background.idle();
}

const activity = async () => activityPageSchema.parse(await (await s.admin(`/api/admin/customers/${ANA.customer_id}/activity`)).json()).items;

describe('the activity log', () => {
  const day = (days: number) => DateTime.now().setZone(TZ).plus({ days }).set({ hour: 15, minute: 0, second: 0, millisecond: 0 });
  const dayWords = (at: DateTime) => `el ${at.day} de ${at.setLocale('es').toFormat('LLLL')}`;

  it('records each WhatsApp message and reply, with the whatsapp channel', async () => {
    const start = day(3);
    await webhook(`quiero reservar ${dayWords(start)} a las 15:00`);
    await webhook('sí');
    const page = conversationPageSchema.parse(await (await s.admin(`/api/admin/customers/${ANA.customer_id}/conversation`)).json());
    expect(page.items.every((m) => m.channel === 'whatsapp')).toBe(true);
    expect(page.items[0]).toMatchObject({ direction: 'out', text: '¡Reserva confirmada! Se ha creado en tu Google Calendar. Recibirás un recordatorio automático.' });
    expect(page.items[1]).toMatchObject({ direction: 'in', text: 'sí' });
    expect(page.items.at(-1)).toMatchObject({ direction: 'in', text: `quiero reservar ${dayWords(start)} a las 15:00` });
    expect((await activity()).map((e) => [e.kind, e.actor])).toEqual([
      ['booked', 'customer'],
      ['connected', 'admin'],
    ]);
  });

  it('records the booking moved and cancelled by the customer, and the reminder sent by the assistant', async () => {
    const start = day(4);
    expect((await s.chat(ANA.customer_id, `quiero reservar ${dayWords(start)} a las 15:00`)).at(-1)).toMatch(/¿Confirmas la reserva/);
    await s.chat(ANA.customer_id, 'sí');
    // Two bookings ahead: the assistant asks which; the second is this one.
    expect((await s.chat(ANA.customer_id, `quiero cambiar mi reserva para ${dayWords(start)} a las 17:00`)).at(-1)).toMatch(/^Tienes varias reservas: .*¿Cuál quieres cambiar\?$/);
    expect((await s.chat(ANA.customer_id, 'la segunda')).at(-1)).toMatch(/¿Confirmas que muevo tu reserva/);
    expect((await s.chat(ANA.customer_id, 'sí')).at(-1)).toMatch(/^¡Listo! Tu reserva quedó para/);
    const moved = (await activity())[0];
    expect(moved).toMatchObject({ kind: 'moved', actor: 'customer' });
    expect(Date.parse(moved?.booking_start ?? '')).toBe(start.set({ hour: 17 }).toMillis());

    // The first booking's reminder (a day before it) goes out.
    offsetMs = day(3).minus({ days: 1 }).plus({ minutes: 1 }).toMillis() - Date.now();
    await s.assistant.reminders.runDue();
    expect(graph.messages.filter((m) => m.to === ANA.phone && m.template)).toHaveLength(1);
    const reminded = (await activity())[0];
    expect(reminded).toMatchObject({ kind: 'reminded', actor: 'assistant' });
    expect(Date.parse(reminded?.booking_start ?? '')).toBe(day(3).toMillis());

    // Just after the reminder, the cancellation is of the reminded booking.
    expect((await s.chat(ANA.customer_id, 'quiero cancelar mi reserva')).at(-1)).toMatch(/^¿Cancelo tu reserva de mañana/);
    expect((await s.chat(ANA.customer_id, 'sí')).at(-1)).toMatch(/^Listo, he cancelado tu reserva/);
    expect((await activity()).map((e) => [e.kind, e.actor])).toEqual([
      ['cancelled', 'customer'],
      ['reminded', 'assistant'],
      ['moved', 'customer'],
      ['booked', 'customer'],
      ['booked', 'customer'],
      ['connected', 'admin'],
    ]);
  });
});

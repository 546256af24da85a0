import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type System, startSystem } from './system-harness.js';
import { GraphApiStandIn } from './whatsapp/graph-api-stand-in.js';
import { newMessageId, signedWebhook, textMessagePayload } from './whatsapp/webhook-fixtures.js';

const APP_SECRET = 'meta-app-secret-for-tests';
const ACCESS_TOKEN = 'EAAG-test-access-token';
const PHONE_NUMBER_ID = '109876543210987';
const TZ = 'America/Mexico_City';
const JUAN = { customer_id: 'cliente-123', email: 'cliente@ejemplo.com', name: 'Juan Pérez', phone: '5215512345678' };

let graph: GraphApiStandIn;
let s: System;

beforeAll(async () => {
  graph = await GraphApiStandIn.start({ accessToken: ACCESS_TOKEN, phoneNumberIds: [PHONE_NUMBER_ID] });
  s = await startSystem({
    whatsapp: { verifyToken: 'verify-me', appSecret: APP_SECRET, accessToken: ACCESS_TOKEN, phoneNumberId: PHONE_NUMBER_ID, apiBaseUrl: graph.baseUrl, apiVersion: 'v21.0' },
  });
  await s.addConnectedCustomer(JUAN, TZ);
});
afterAll(async () => {
  await s?.close();
  await graph?.close();
});

/** Posts a signed webhook as Meta would and waits for the processing that follows the 200. */
async function webhook(from: string, body: string, id = newMessageId(), secret = APP_SECRET): Promise<{ status: number; id: string }> {
  const signed = signedWebhook(secret, textMessagePayload({ from, id, body, name: 'Juan', phoneNumberId: PHONE_NUMBER_ID }), { escapeNonAscii: true });
  const res = await fetch(`${s.assistant.url}/webhooks/whatsapp`, { method: 'POST', headers: signed.headers, body: signed.body });
  await s.assistant.background.idle();
  return { status: res.status, id };
}

const repliesTo = (to: string) => graph.messages.filter((m) => m.to === to).map((m) => m.text);
const bookings = async () => (await s.events(JUAN.email)).filter((e) => e.status === 'confirmed');

describe('the seed conversation over WhatsApp', () => {
  it('books tomorrow at 15:00 in the customer zone, replying through the Graph API; replays and a double "sí" add nothing', async () => {
    const first = await webhook(JUAN.phone, 'Hola, quiero reservar para mañana a las 3 PM');
    expect(first.status).toBe(200);
    const tomorrow = DateTime.now().setZone(TZ).plus({ days: 1 }).set({ hour: 15, minute: 0, second: 0, millisecond: 0 });
    // The weekday and the date in words, as Spanish writes them ("martes 1 de diciembre").
    const ddmm = tomorrow.setLocale('es').toFormat("cccc d 'de' LLLL");
    expect(repliesTo(JUAN.phone)).toEqual([
      `¡Hola Juan! Perfecto, déjame verificar disponibilidad en tu calendario para mañana ${ddmm} a las 15:00...`,
      `¡Perfecto! El horario está disponible. ¿Confirmas la reserva para mañana ${ddmm} a las 15:00?`,
    ]);
    const sent = graph.messages.at(-1);
    expect(sent?.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
    expect(sent?.body).toEqual({ messaging_product: 'whatsapp', recipient_type: 'individual', to: JUAN.phone, type: 'text', text: { preview_url: false, body: sent?.text } });

    const yes = await webhook(JUAN.phone, 'Sí, confirmo');
    expect(repliesTo(JUAN.phone).at(-1)).toBe('¡Reserva confirmada! Se ha creado en tu Google Calendar. Recibirás un recordatorio automático.');
    let events = await bookings();
    expect(events).toHaveLength(1);
    expect(Date.parse(events[0]?.start.dateTime ?? '')).toBe(tomorrow.toMillis());

    // Meta retries the same webhook: nothing is processed twice.
    const before = graph.messages.length;
    await webhook(JUAN.phone, 'Sí, confirmo', yes.id);
    expect(graph.messages.length).toBe(before);
    // The customer says yes again: no second event.
    await webhook(JUAN.phone, 'sí');
    events = await bookings();
    expect(events).toHaveLength(1);
    expect(repliesTo(JUAN.phone).at(-1)).toBe(`Tu reserva para mañana ${ddmm} a las 15:00 ya está confirmada. ¿Necesitas algo más?`);
  });

  it('refuses a bad signature and processes nothing', async () => {
    const before = graph.messages.length;
    const res = await webhook(JUAN.phone, 'quiero reservar mañana a las 5', newMessageId(), 'not-the-app-secret');
    expect(res.status).toBe(401);
    expect(graph.messages.length).toBe(before);
  });

  it('an unknown sender gets one polite reply and books nothing', async () => {
    const eventsBefore = (await bookings()).length;
    await webhook('5219999999999', 'Hola, quiero reservar para mañana a las 4 PM');
    expect(repliesTo('5219999999999')).toHaveLength(1);
    expect(repliesTo('5219999999999')[0]).toMatch(/no encuentro tu número/i);
    expect((await bookings()).length).toBe(eventsBefore);
  });

  it('recognises the customer by customer_id too', async () => {
    await s.addConnectedCustomer({ customer_id: '5215500000001', email: 'ana@ejemplo.com', name: 'Ana' }, TZ);
    await webhook('5215500000001', 'hola');
    expect(repliesTo('5215500000001')).toEqual(['¡Hola Ana! Soy el asistente de reservas. ¿Para qué día y a qué hora quieres reservar?']);
  });
});

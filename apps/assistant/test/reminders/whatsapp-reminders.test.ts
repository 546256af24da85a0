import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningAssistant, startAssistant } from '../../src/server.js';
import { type System, startSystem } from '../system-harness.js';
import { GraphApiStandIn } from '../whatsapp/graph-api-stand-in.js';

/**
 * Issue 13, item 1: reminders of the bookings the assistant made go out once, as the approved WhatsApp
 * template, at their time — through restarts, moves and cancellations (in the chat or directly in Google)
 * and two assistants on one database; a «cancelar» in answer cancels that booking after a yes.
 */

const ACCESS_TOKEN = 'EAAG-reminders-token';
const PHONE_NUMBER_ID = '109876543211313';
const TEMPLATE = 'recordatorio_reserva';
const TEMPLATE_BODY = 'Recordatorio: {{1}} a las {{2}} tienes tu reserva con {{3}}. Responde «cancelar» si no puedes.';
const TZ = 'America/Mexico_City';

const whatsappOf = (graph: GraphApiStandIn) => ({
  verifyToken: 'verify-reminders',
  appSecret: 'reminders-app-secret',
  accessToken: ACCESS_TOKEN,
  phoneNumberId: PHONE_NUMBER_ID,
  apiBaseUrl: graph.baseUrl,
  apiVersion: 'v21.0',
});

const templatesTo = (graph: GraphApiStandIn, phone: string) => graph.messages.filter((m) => m.to === phone && m.template !== undefined);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** "jueves 4 de diciembre", as the conversation words a date. */
const words = (at: DateTime) => at.setLocale('es').toFormat("cccc d 'de' LLLL");

async function book(s: System, customerId: string, request: string): Promise<void> {
  const asked = await s.chat(customerId, request);
  expect(asked.at(-1)).toMatch(/¿Confirmas la reserva/);
  expect(await s.chat(customerId, 'sí')).toEqual(['¡Reserva confirmada! Se ha creado en tu Google Calendar. Recibirás un recordatorio automático.']);
}

describe('a reminder in real time, through a restart', () => {
  let graph: GraphApiStandIn;
  let s: System;
  const ANA = { customer_id: 'cliente-ana', email: 'ana@ejemplo.com', name: 'Ana', phone: '5215511110001' };
  // A zone where it is afternoon now, so "a las HH:MM" reads without a doubt about the hour.
  const zone =
    Array.from({ length: 24 }, (_, h) => `Etc/GMT${h - 12 >= 0 ? '+' : ''}${h - 12}`)
      .filter((z) => DateTime.now().setZone(z).isValid)
      .find((z) => {
        const hour = DateTime.now().setZone(z).hour;
        return hour >= 13 && hour <= 21;
      }) ?? TZ;

  beforeAll(async () => {
    graph = await GraphApiStandIn.start({ accessToken: ACCESS_TOKEN, phoneNumberIds: [PHONE_NUMBER_ID], templates: { [TEMPLATE]: TEMPLATE_BODY } });
    s = await startSystem({ whatsapp: whatsappOf(graph) }, { REMINDER_LEAD_MINUTES: '1', REMINDER_POLL_MS: '250' });
    await s.addConnectedCustomer(ANA, zone);
  }, 60_000);
  afterAll(async () => {
    await s?.close();
    await graph?.close();
  });

  it('with a lead of 1 minute and a booking ~2 minutes ahead, the template arrives once, at its time, with a restart in between', async () => {
    const start = DateTime.now().setZone(zone).plus({ seconds: 100 }).startOf('minute').plus({ minutes: 1 });
    await book(s, ANA.customer_id, `quiero reservar hoy a las ${start.toFormat('HH:mm')}`);
    const due = start.minus({ minutes: 1 }).toMillis();
    expect(due - Date.now()).toBeGreaterThan(20_000);

    await s.restartAssistant();
    expect(templatesTo(graph, ANA.phone)).toHaveLength(0);
    while (templatesTo(graph, ANA.phone).length === 0 && Date.now() < due + 15_000) await sleep(100);
    const arrivedAt = Date.now();
    const sent = templatesTo(graph, ANA.phone);
    expect(sent).toHaveLength(1);
    expect(arrivedAt).toBeGreaterThanOrEqual(due);
    expect(arrivedAt).toBeLessThan(due + 5_000);
    expect(sent[0]?.text).toBe(`Recordatorio: hoy ${words(start)} a las ${start.toFormat('H:mm')} tienes tu reserva con Peluquería Sol. Responde «cancelar» si no puedes.`);
    expect(sent[0]?.body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: ANA.phone,
      type: 'template',
      template: {
        name: TEMPLATE,
        language: { code: 'es' },
        components: [{ type: 'body', parameters: [`hoy ${words(start)}`, start.toFormat('H:mm'), 'Peluquería Sol'].map((text) => ({ type: 'text', text })) }],
      },
    });

    // A few more polls, and another restart: still once.
    await sleep(1_500);
    await s.restartAssistant();
    await sleep(1_000);
    expect(templatesTo(graph, ANA.phone)).toHaveLength(1);
  }, 240_000);
});

describe('reminders on an injected clock', () => {
  let graph: GraphApiStandIn;
  let s: System;
  let offsetMs = 0;
  const clock = () => new Date(Date.now() + offsetMs);
  /** Sets the clock to `at` and runs the due reminders. */
  const runAt = async (at: DateTime, assistant: RunningAssistant = s.assistant) => {
    offsetMs = at.toMillis() - Date.now();
    await assistant.reminders.runDue();
  };
  const day = (days: number) => DateTime.now().setZone(TZ).plus({ days }).set({ hour: 15, minute: 0, second: 0, millisecond: 0 });
  const dayWords = (at: DateTime) => `el ${at.day} de ${at.setLocale('es').toFormat('LLLL')}`;
  const customer = (n: number) => ({ customer_id: `cliente-r${n}`, email: `r${n}@ejemplo.com`, name: `Cliente ${n}`, phone: `52155222200${String(n).padStart(2, '0')}` });
  const bookingOf = async (email: string) => (await s.events(email)).filter((e) => e.status === 'confirmed');

  beforeAll(async () => {
    graph = await GraphApiStandIn.start({ accessToken: ACCESS_TOKEN, phoneNumberIds: [PHONE_NUMBER_ID], templates: { [TEMPLATE]: TEMPLATE_BODY } });
    // A poll far apart: the tests run the due reminders themselves, at the clock's time.
    s = await startSystem({ whatsapp: whatsappOf(graph), clock }, { REMINDER_POLL_MS: '3600000' });
  }, 60_000);
  afterAll(async () => {
    await s?.close();
    await graph?.close();
  });

  it('goes out once at its time (the default lead, a day before), not before', async () => {
    const c = customer(1);
    await s.addConnectedCustomer(c, TZ);
    offsetMs = 0;
    const start = day(3);
    await book(s, c.customer_id, `quiero reservar ${dayWords(start)} a las 15:00`);
    await runAt(start.minus({ days: 1, minutes: 1 }));
    expect(templatesTo(graph, c.phone)).toHaveLength(0);
    await runAt(start.minus({ days: 1 }).plus({ seconds: 1 }));
    await runAt(start.minus({ days: 1 }).plus({ minutes: 5 }));
    const sent = templatesTo(graph, c.phone);
    expect(sent.map((m) => m.text)).toEqual([`Recordatorio: mañana ${words(start)} a las 15:00 tienes tu reserva con Peluquería Sol. Responde «cancelar» si no puedes.`]);
  });

  it('a booking moved in the chat: its reminder follows it', async () => {
    const c = customer(2);
    await s.addConnectedCustomer(c, TZ);
    offsetMs = 0;
    const start = day(4);
    await book(s, c.customer_id, `quiero reservar ${dayWords(start)} a las 15:00`);
    expect((await s.chat(c.customer_id, `quiero cambiar mi reserva para ${dayWords(start)} a las 17:00`)).at(-1)).toMatch(/¿Confirmas que muevo tu reserva/);
    expect((await s.chat(c.customer_id, 'sí')).at(-1)).toMatch(/^¡Listo! Tu reserva quedó para/);
    await runAt(start.minus({ days: 1 }).plus({ minutes: 1 }));
    expect(templatesTo(graph, c.phone)).toHaveLength(0);
    await runAt(start.plus({ hours: 2 }).minus({ days: 1 }).plus({ minutes: 1 }));
    expect(templatesTo(graph, c.phone).map((m) => m.template?.parameters)).toEqual([[`mañana ${words(start)}`, '17:00', 'Peluquería Sol']]);
  });

  it('a booking cancelled in the chat: its reminder never comes', async () => {
    const c = customer(3);
    await s.addConnectedCustomer(c, TZ);
    offsetMs = 0;
    const start = day(5);
    await book(s, c.customer_id, `quiero reservar ${dayWords(start)} a las 15:00`);
    expect((await s.chat(c.customer_id, 'quiero cancelar mi reserva')).at(-1)).toMatch(/¿Confirmas que cancelo tu reserva/);
    expect((await s.chat(c.customer_id, 'sí')).at(-1)).toMatch(/^Listo, he cancelado tu reserva/);
    await runAt(start.minus({ days: 1 }).plus({ minutes: 1 }));
    await runAt(start.minus({ minutes: 30 }));
    expect(templatesTo(graph, c.phone)).toHaveLength(0);
  });

  it('moved directly in Google: noticed before sending, the reminder follows the new time', async () => {
    const c = customer(4);
    await s.addConnectedCustomer(c, TZ);
    offsetMs = 0;
    const start = day(6);
    await book(s, c.customer_id, `quiero reservar ${dayWords(start)} a las 15:00`);
    const [event] = await bookingOf(c.email);
    const moved = start.plus({ days: 1, hours: 3 });
    await s.control(`/calendars/${c.email}/events/${event?.id}`, { start: { dateTime: moved.toISO() }, end: { dateTime: moved.plus({ hours: 1 }).toISO() } }, 'PATCH');
    await runAt(start.minus({ days: 1 }).plus({ minutes: 1 }));
    expect(templatesTo(graph, c.phone)).toHaveLength(0);
    await runAt(moved.minus({ days: 1 }).plus({ minutes: 1 }));
    expect(templatesTo(graph, c.phone).map((m) => m.template?.parameters)).toEqual([[`mañana ${words(moved)}`, '18:00', 'Peluquería Sol']]);
  });

  it('«cancelar» in answer to the reminder cancels that booking after a yes, and only then', async () => {
    const c = customer(4);
    // The reminder of the previous test was just sent, at this clock.
    const [event] = await bookingOf(c.email);
    const at = DateTime.fromISO(event?.start.dateTime ?? '', { zone: TZ });
    expect(await s.chat(c.customer_id, 'cancelar')).toEqual([`¿Cancelo tu reserva de mañana ${words(at)} a las 18:00? Responde «sí» o «no».`]);
    expect(await bookingOf(c.email)).toHaveLength(1);
    expect(await s.chat(c.customer_id, 'sí')).toEqual([`Listo, he cancelado tu reserva de mañana ${words(at)} a las 18:00.`]);
    expect(await bookingOf(c.email)).toHaveLength(0);
  });

  it('cancelled directly in Google: noticed before sending, never sent', async () => {
    const c = customer(5);
    await s.addConnectedCustomer(c, TZ);
    offsetMs = 0;
    const start = day(8);
    await book(s, c.customer_id, `quiero reservar ${dayWords(start)} a las 15:00`);
    const [event] = await bookingOf(c.email);
    await s.control(`/calendars/${c.email}/events/${event?.id}`, undefined, 'DELETE');
    await runAt(start.minus({ days: 1 }).plus({ minutes: 1 }));
    await runAt(start.minus({ hours: 1 }));
    expect(templatesTo(graph, c.phone)).toHaveLength(0);
  });

  it('two assistants on one database send a due reminder once', async () => {
    const c = customer(6);
    await s.addConnectedCustomer(c, TZ);
    offsetMs = 0;
    const start = day(9);
    await book(s, c.customer_id, `quiero reservar ${dayWords(start)} a las 15:00`);
    const second = await startAssistant(s.assistantConfig, { logger: false, whatsapp: whatsappOf(graph), clock });
    try {
      offsetMs = start.minus({ days: 1 }).plus({ minutes: 1 }).toMillis() - Date.now();
      await Promise.all([s.assistant.reminders.runDue(), second.reminders.runDue(), s.assistant.reminders.runDue(), second.reminders.runDue()]);
    } finally {
      await second.close();
    }
    expect(templatesTo(graph, c.phone)).toHaveLength(1);
  });
});

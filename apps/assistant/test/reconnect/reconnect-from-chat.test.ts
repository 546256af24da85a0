import { approveConsent } from '@agendo/google-emulator';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type System, startSystem } from '../system-harness.js';
import { GraphApiStandIn } from '../whatsapp/graph-api-stand-in.js';
import { newMessageId, signedWebhook, textMessagePayload } from '../whatsapp/webhook-fixtures.js';

const APP_SECRET = 'meta-app-secret-for-tests';
const ACCESS_TOKEN = 'EAAG-test-access-token';
const PHONE_NUMBER_ID = '109876543210987';
const TZ = 'Europe/Madrid';
const ANA = { customer_id: 'cliente-ana', email: 'ana@ejemplo.com', name: 'Ana Ruiz', phone: '34600111222' };
const REAUTH_EXPLANATION =
  'Tu Google Calendar necesita volver a conectarse (el permiso caducó o se retiró), así que no he reservado nada. Pide al negocio que lo reconecte desde el panel.';
const LINK = /^Tu Google Calendar necesita volver a conectarse .* Para seguir, vuelve a conectar tu calendario: (https?:\/\/\S+) /;

let graph: GraphApiStandIn;
let s: System;

beforeAll(async () => {
  graph = await GraphApiStandIn.start({ accessToken: ACCESS_TOKEN, phoneNumberIds: [PHONE_NUMBER_ID] });
  s = await startSystem({
    whatsapp: { verifyToken: 'verify-me', appSecret: APP_SECRET, accessToken: ACCESS_TOKEN, phoneNumberId: PHONE_NUMBER_ID, apiBaseUrl: graph.baseUrl, apiVersion: 'v21.0' },
    reconnectPollMs: 150,
  });
});
afterAll(async () => {
  await s?.close();
  await graph?.close();
});

async function webhook(from: string, body: string): Promise<void> {
  const signed = signedWebhook(APP_SECRET, textMessagePayload({ from, id: newMessageId(), body, name: 'Ana', phoneNumberId: PHONE_NUMBER_ID }), { escapeNonAscii: true });
  const res = await fetch(`${s.assistant.url}/webhooks/whatsapp`, { method: 'POST', headers: signed.headers, body: signed.body });
  expect(res.status).toBe(200);
  await s.assistant.background.idle();
}

const sentTo = (to: string) => graph.messages.filter((m) => m.to === to).map((m) => m.text);
const confirmed = async (email: string) => (await s.events(email)).filter((e) => e.status === 'confirmed');

/** Waits (bounded) until `check` holds. */
async function eventually<T>(read: () => T | Promise<T>, check: (value: T) => boolean, timeoutMs = 8_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value) || Date.now() > until) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}

function tomorrowAt(hour: number): { dt: DateTime; when: string } {
  const dt = DateTime.now().setZone(TZ).plus({ days: 1 }).set({ hour, minute: 0, second: 0, millisecond: 0 });
  return { dt, when: `mañana ${dt.setLocale('es').toFormat("cccc d 'de' LLLL")} a las ${hour}:00` };
}

/** The customer opens the link and approves at the Google stand-in; the calendar server's callback page answers. */
async function useLink(url: string): Promise<void> {
  const page = await fetch(await approveConsent(url));
  expect(page.status).toBe(200);
}

describe('the needs_reauth loop over WhatsApp', () => {
  it('ends with the booking made after the customer used the link', async () => {
    await s.addConnectedCustomer(ANA, TZ);
    await s.control(`/users/${ANA.email}/revoke`, {});
    const { dt, when } = tomorrowAt(15);

    await webhook(ANA.phone, 'Hola, quiero reservar para mañana a las 3 PM');
    const linkMessage = sentTo(ANA.phone).at(-1) ?? '';
    const url = LINK.exec(linkMessage)?.[1];
    expect(url, linkMessage).toBeDefined();
    expect(new URL(url ?? '').origin).toBe(s.emulator.url);
    expect(await confirmed(ANA.email)).toEqual([]);

    // The same day: the explanation, and no second link.
    await webhook(ANA.phone, 'quiero reservar mañana a las 3 de la tarde');
    expect(sentTo(ANA.phone).at(-1)).toBe(REAUTH_EXPLANATION);
    expect(sentTo(ANA.phone).filter((t) => /https?:\/\//.test(t))).toHaveLength(1);

    const before = sentTo(ANA.phone).length;
    await useLink(url ?? '');
    // Without a new message of the customer, the watcher notices and the proposal arrives over WhatsApp.
    const after = await eventually(
      () => sentTo(ANA.phone),
      (texts) => texts.length > before,
    );
    expect(after.slice(before)).toEqual([`Ya está conectado. ¿Confirmas la reserva para ${when}?`]);
    const status = (await (await s.admin(`/api/admin/customers/${ANA.customer_id}/calendar`)).json()) as { status: string };
    expect(status.status).toBe('connected');

    await webhook(ANA.phone, 'sí');
    expect(sentTo(ANA.phone).at(-1)).toBe('¡Reserva confirmada! Se ha creado en tu Google Calendar. Recibirás un recordatorio automático.');
    const events = await confirmed(ANA.email);
    expect(events).toHaveLength(1);
    expect(Date.parse(events[0]?.start.dateTime ?? '')).toBe(dt.toMillis());
    // The proposal went out once: later rounds of the watcher send nothing more.
    await s.assistant.reconnectWatcher.checkNow();
    expect(sentTo(ANA.phone).filter((t) => t.startsWith('Ya está conectado'))).toHaveLength(1);
  });

  it('a link is single-use: opening it again connects nothing', async () => {
    const link = /https?:\/\/\S+/.exec(sentTo(ANA.phone).find((t) => LINK.test(t)) ?? '')?.[0] ?? '';
    expect(link).not.toBe('');
    const page = await fetch(await approveConsent(link));
    expect(page.status).toBeGreaterThanOrEqual(400);
  });
});

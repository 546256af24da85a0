import { approveConsent } from '@agendo/google-emulator';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type System, startSystem } from '../system-harness.js';

const TZ = 'Europe/Madrid';
const NOT_CONNECTED_EXPLANATION = 'Todavía no tienes un Google Calendar conectado, así que no puedo consultar ni reservar. Pide al negocio que lo conecte desde el panel.';
const LINK = /Para seguir, vuelve a conectar tu calendario: (https?:\/\/\S+) /;

let s: System;

beforeAll(async () => {
  // The watcher's first look comes after a minute: here the customer's next message notices the reconnection.
  s = await startSystem({ reconnectPollMs: 60_000 });
});
afterAll(async () => {
  await s?.close();
});

function tomorrowAt(hour: number): { dt: DateTime; when: string } {
  const dt = DateTime.now().setZone(TZ).plus({ days: 1 }).set({ hour, minute: 0, second: 0, millisecond: 0 });
  return { dt, when: `mañana ${dt.setLocale('es').toFormat("cccc d 'de' LLLL")} a las ${hour}:00` };
}

const confirmed = async (email: string) => (await s.events(email)).filter((e) => e.status === 'confirmed');
const calendarStatus = async (id: string) => ((await (await s.admin(`/api/admin/customers/${id}/calendar`)).json()) as { status: string }).status;

describe('reconnecting from the chat simulator (no push)', () => {
  it('not_connected: a link to connect, none again the same day even after a restart, and the next message resumes the request', async () => {
    const customer = { customer_id: 'cliente-nuevo', email: 'nuevo@ejemplo.com', name: 'Nora' };
    expect((await s.admin('/api/admin/customers', { json: customer })).status).toBe(201);
    await s.control(`/calendars/${customer.email}`, { timeZone: TZ }, 'PUT');
    const { dt, when } = tomorrowAt(10);

    const first = await s.chat(customer.customer_id, 'quiero reservar mañana a las 10');
    expect(first).toHaveLength(2);
    const url = LINK.exec(first[1] ?? '')?.[1];
    expect(url, first[1]).toBeDefined();
    expect(new URL(url ?? '').searchParams.get('login_hint')).toBe(customer.email);

    await s.restartAssistant();
    const again = await s.chat(customer.customer_id, 'quiero reservar mañana a las 10');
    expect(again.at(-1)).toBe(NOT_CONNECTED_EXPLANATION);
    expect(again.join(' ')).not.toMatch(/https?:\/\//);

    const page = await fetch(await approveConsent(url ?? ''));
    expect(page.status).toBe(200);
    expect(await calendarStatus(customer.customer_id)).toBe('connected');

    // The chat simulator cannot push: the customer's next message gets the resumed question first.
    expect(await s.chat(customer.customer_id, 'hola, ¿ya está?')).toEqual([`¡Hola Nora! Ya está conectado. ¿Confirmas la reserva para ${when}?`]);
    expect(await s.chat(customer.customer_id, 'sí')).toEqual(['¡Reserva confirmada! Se ha creado en tu Google Calendar. Recibirás un recordatorio automático.']);
    const events = await confirmed(customer.email);
    expect(events).toHaveLength(1);
    expect(Date.parse(events[0]?.start.dateTime ?? '')).toBe(dt.toMillis());
    // Nothing is resumed twice.
    expect(await s.chat(customer.customer_id, 'gracias')).toEqual(['¡De nada, Nora! Aquí estoy si necesitas algo más.']);
  });

  it('needs_reauth with the asked slot taken meanwhile: offers the nearest free ones instead', async () => {
    const customer = { customer_id: 'cliente-ocupado', email: 'ocupado@ejemplo.com', name: 'Olga' };
    await s.addConnectedCustomer(customer, TZ);
    await s.control(`/users/${customer.email}/revoke`, {});
    const { dt, when } = tomorrowAt(12);
    const first = await s.chat(customer.customer_id, 'quiero reservar mañana a las 12');
    const url = LINK.exec(first.at(-1) ?? '')?.[1] ?? '';
    expect(url).not.toBe('');
    await fetch(await approveConsent(url));
    // The owner fills the slot before the customer writes again.
    await s.control(`/calendars/${customer.email}/events`, { summary: 'Ocupado', start: { dateTime: dt.toISO() }, end: { dateTime: dt.plus({ hours: 1 }).toISO() } });
    const [resumed] = await s.chat(customer.customer_id, 'hola');
    expect(resumed).toMatch(new RegExp(`^Ya está conectado\\. Lo siento, ${when} ya está ocupado\\. Tengo libre: 1\\) `));
  });
});

// Item 1 of issue 9 (the assistant's part): when Google wrote the event but the answer was lost, the
// assistant used to drop the proposal and its idempotency key, so the next "sí" (or asking again for
// the same time) booked a second event. It now keeps the proposal and its key after any error whose
// outcome is unknown, says it will check, and the retry finds the one event.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type System, startSystem } from './system-harness.js';

// Wednesday 13 January 2027, 10:00 in Mexico City: "mañana" is Thursday 14/01.
const NOW = new Date('2027-01-13T10:00:00-06:00');
const LOST_ANSWER = { endpoint: 'calendar.events.insert', status: 500, mode: 'after', count: 5 };
const UNSURE = 'No pude confirmar con tu calendario si la reserva quedó hecha. Responde «sí» para que lo compruebe y la termine sin duplicarla.';
const BOOKED = '¡Reserva confirmada! Se ha creado en tu Google Calendar. Recibirás un recordatorio automático.';

let s: System;
const customers = [
  { customer_id: 'perdida-1', email: 'perdida1@ejemplo.com', name: 'Ana' },
  { customer_id: 'perdida-2', email: 'perdida2@ejemplo.com', name: 'Beto' },
  { customer_id: 'perdida-3', email: 'perdida3@ejemplo.com', name: 'Carla' },
  { customer_id: 'perdida-4', email: 'perdida4@ejemplo.com', name: 'Dani' },
];
beforeAll(async () => {
  s = await startSystem({ clock: () => NOW });
  for (const c of customers) await s.addConnectedCustomer(c, 'America/Mexico_City');
});
afterAll(async () => {
  await s?.close();
});
beforeEach(async () => {
  await s.control('/faults', undefined, 'DELETE');
});

const bookings = async (email: string) => (await s.events(email)).filter((e) => e.status === 'confirmed' && e.summary?.startsWith('Reserva con'));

/** Asks for a time, breaks the next insert's answer, and says yes: the insert is written but its answer lost. */
async function loseTheAnswer(customerId: string, ask: string): Promise<string[]> {
  expect((await s.chat(customerId, ask)).at(-1)).toMatch(/^¡Perfecto! El horario está disponible\./);
  await s.control('/faults', LOST_ANSWER);
  return s.chat(customerId, 'sí');
}

describe('a booking whose answer was lost', () => {
  it('keeps the proposal and its key, says it will check, and the next "sí" finds the one event', async () => {
    const [c] = customers;
    const failed = await loseTheAnswer(c!.customer_id, 'quiero reservar mañana a las 3 PM');
    expect(failed).toEqual([UNSURE]);
    expect(await bookings(c!.email)).toHaveLength(1);
    expect(await s.chat(c!.customer_id, 'sí')).toEqual([BOOKED]);
    const events = await bookings(c!.email);
    expect(events).toHaveLength(1);
    expect(Date.parse(events[0]?.start.dateTime ?? '')).toBe(Date.parse('2027-01-14T15:00:00-06:00'));
    // And a further yes still books nothing new.
    expect(await s.chat(c!.customer_id, 'sí')).toEqual(['Tu reserva para mañana jueves 14 de enero a las 15:00 ya está confirmada. ¿Necesitas algo más?']);
    expect(await bookings(c!.email)).toHaveLength(1);
  });

  it('asking again for the same time after the failure resumes the same proposal: one event', async () => {
    const [, c] = customers;
    expect(await loseTheAnswer(c!.customer_id, 'quiero reservar mañana a las 11')).toEqual([UNSURE]);
    const again = await s.chat(c!.customer_id, 'quiero reservar mañana a las 11');
    expect(again.at(-1)).toBe(`Tu reserva para mañana jueves 14 de enero a las 11:00 está pendiente: ${UNSURE.charAt(0).toLowerCase()}${UNSURE.slice(1)}`);
    expect(await s.chat(c!.customer_id, 'sí')).toEqual([BOOKED]);
    expect(await bookings(c!.email)).toHaveLength(1);
  });

  it('the same time asked in other words, with a restart in between, still books once', async () => {
    const [, , c] = customers;
    expect(await loseTheAnswer(c!.customer_id, 'reserva para mañana a las 9 de la mañana')).toEqual([UNSURE]);
    await s.restartAssistant();
    await s.chat(c!.customer_id, 'mañana a las 9 am');
    expect(await s.chat(c!.customer_id, 'vale')).toEqual([BOOKED]);
    expect(await bookings(c!.email)).toHaveLength(1);
  });

  it('a "no" after the failure does not claim that nothing was booked', async () => {
    const [, , , c] = customers;
    expect(await loseTheAnswer(c!.customer_id, 'quiero reservar mañana a las 5 PM')).toEqual([UNSURE]);
    const no = await s.chat(c!.customer_id, 'no');
    expect(no).toEqual(['De acuerdo, no lo intento de nuevo. Puede que la reserva sí se creara antes del fallo: pregúntame «¿qué citas tengo?» para comprobarlo.']);
    expect(await bookings(c!.email)).toHaveLength(1);
  });
});

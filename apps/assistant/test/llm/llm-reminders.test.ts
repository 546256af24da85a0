import { type CustomerReminder, customerRemindersSchema } from '@agendo/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type System, startSystem } from '../system-harness.js';
import { callTool, lastOutput, ScriptedModel, say } from './scripted-model.js';

// Wednesday 13 January 2027, 10:00 in Mexico City.
const NOW = new Date('2027-01-13T10:00:00-06:00');
const THREE_PM = { start: '2027-01-14T15:00:00-06:00', end: '2027-01-14T16:00:00-06:00' };

const llm = new ScriptedModel();
let s: System;
beforeAll(async () => {
  s = await startSystem({ clock: () => NOW, languageModel: llm.model });
});
afterAll(async () => {
  await s?.close();
});

const remindersOf = async (customerId: string): Promise<CustomerReminder[]> =>
  customerRemindersSchema.parse(await (await s.admin(`/api/admin/customers/${customerId}/reminders`)).json()).items;

/** The customer proposes 15:00 tomorrow and says yes: the LLM books it; returns the booking id. */
async function bookThreePm(customerId: string): Promise<string> {
  llm.script(
    callTool('propose_booking', THREE_PM),
    say((p) => String(lastOutput(p, 'propose_booking').confirmation_question)),
  );
  await s.chat(customerId, 'quiero reservar mañana a las 3 PM');
  llm.script(callTool('create_booking', THREE_PM), say('¡Reserva confirmada!'));
  expect(await s.chat(customerId, 'sí')).toEqual(['¡Reserva confirmada!']);
  return String((lastOutput(llm.lastPrompt, 'create_booking').booking as { booking_id: string }).booking_id);
}

describe('the LLM engine schedules WhatsApp reminders (issue 13, item 1)', () => {
  it('a booking made by the LLM gets its reminder (the default lead, a day before); cancelling it drops the reminder', async () => {
    const c = { customer_id: 'llm-rem-ana', email: 'ana@ejemplo.com', name: 'Ana' };
    await s.addConnectedCustomer(c, 'America/Mexico_City');
    const bookingId = await bookThreePm(c.customer_id);

    const [reminder, ...others] = await remindersOf(c.customer_id);
    expect(others).toEqual([]);
    expect(reminder).toMatchObject({ booking_id: bookingId, status: 'pending' });
    expect(Date.parse(reminder?.due_at ?? '')).toBe(Date.parse('2027-01-13T15:00:00-06:00'));

    llm.script(
      callTool('propose_cancel', { booking_id: bookingId }),
      say((p) => String(lastOutput(p, 'propose_cancel').confirmation_question)),
    );
    await s.chat(c.customer_id, 'cancélala');
    llm.script(callTool('cancel_booking', { booking_id: bookingId }), say('Cancelada.'));
    expect(await s.chat(c.customer_id, 'sí')).toEqual(['Cancelada.']);
    expect(await remindersOf(c.customer_id)).toEqual([expect.objectContaining({ booking_id: bookingId, status: 'cancelled' })]);
  });

  it("a customer's own lead of 0 means no reminder for their booking", async () => {
    const c = { customer_id: 'llm-rem-beto', email: 'beto@ejemplo.com', name: 'Beto' };
    await s.addConnectedCustomer(c, 'America/Mexico_City');
    const patched = await s.admin(`/api/admin/customers/${c.customer_id}`, { method: 'PATCH', json: { reminder_lead_minutes: 0 } });
    expect(patched.status).toBe(200);
    const bookingId = await bookThreePm(c.customer_id);
    expect(await remindersOf(c.customer_id)).toEqual([expect.objectContaining({ booking_id: bookingId, status: 'cancelled', last_error: 'reminders off' })]);
  });
});

import { activityPageSchema } from '@agendo/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type System, startSystem } from '../system-harness.js';
import { callTool, lastOutput, ScriptedModel, say } from './scripted-model.js';

// Wednesday 13 January 2027, 10:00 in Mexico City.
const NOW = new Date('2027-01-13T10:00:00-06:00');
const THREE_PM = { start: '2027-01-14T15:00:00-06:00', end: '2027-01-14T16:00:00-06:00' };
const JUAN = { customer_id: 'llm-juan', email: 'juan@ejemplo.com', name: 'Juan' };

const llm = new ScriptedModel();
let s: System;
beforeAll(async () => {
  s = await startSystem({ clock: () => NOW, languageModel: llm.model });
  await s.addConnectedCustomer(JUAN, 'America/Mexico_City');
});
afterAll(async () => {
  await s?.close();
});

describe('the LLM engine and the activity log (issue 13, item 3)', () => {
  it('records a booking the customer confirmed once, also when a second yes finds the same event', async () => {
    llm.script(
      callTool('propose_booking', THREE_PM),
      say((p) => String(lastOutput(p, 'propose_booking').confirmation_question)),
    );
    await s.chat(JUAN.customer_id, 'quiero reservar mañana a las 3 PM');
    llm.script(callTool('create_booking', THREE_PM), say('¡Reserva confirmada!'));
    expect(await s.chat(JUAN.customer_id, 'sí')).toEqual(['¡Reserva confirmada!']);
    llm.script(callTool('create_booking', THREE_PM), say('Ya estaba confirmada.'));
    await s.chat(JUAN.customer_id, 'sí');

    const log = activityPageSchema.parse(await (await s.admin(`/api/admin/customers/${JUAN.customer_id}/activity`)).json()).items;
    expect(log.map((e) => [e.kind, e.actor])).toEqual([
      ['booked', 'customer'],
      ['connected', 'admin'],
    ]);
    expect(Date.parse(log[0]?.booking_start ?? '')).toBe(Date.parse(THREE_PM.start));
  });
});

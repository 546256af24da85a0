// Item 1 of issue 9 in LLM mode: a create_booking whose answer was lost (Google wrote the event, then
// failed) must keep the proposal and its idempotency key, so the customer's next "sí" finds the event.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { replies } from '../../src/conversation/replies.js';
import { type System, startSystem } from '../system-harness.js';
import { callTool, lastOutput, ScriptedModel, say } from './scripted-model.js';

const NOW = new Date('2027-01-13T10:00:00-06:00');
const THREE_PM = { start: '2027-01-14T15:00:00-06:00', end: '2027-01-14T16:00:00-06:00' };
const LOST_ANSWER = { endpoint: 'calendar.events.insert', status: 500, mode: 'after', count: 5 };

const llm = new ScriptedModel();
let s: System;
beforeAll(async () => {
  s = await startSystem({ clock: () => NOW, languageModel: llm.model });
});
afterAll(async () => {
  await s?.close();
});
beforeEach(async () => {
  llm.clear();
  await s.control('/faults', undefined, 'DELETE');
});

const confirmed = async (email: string) => (await s.events(email)).filter((e) => e.status === 'confirmed');

describe('LLM mode: a booking whose answer was lost', () => {
  it('keeps the proposal and its key after the error; the next "sí" returns the one event', async () => {
    const c = { customer_id: 'llm-perdida', email: 'llmperdida@ejemplo.com', name: 'Eva' };
    await s.addConnectedCustomer(c, 'America/Mexico_City');
    llm.script(
      callTool('propose_booking', THREE_PM),
      say((p) => String(lastOutput(p, 'propose_booking').confirmation_question)),
    );
    await s.chat(c.customer_id, 'quiero reservar mañana a las 3 PM');

    await s.control('/faults', LOST_ANSWER);
    llm.script(callTool('create_booking', THREE_PM), say('Hubo un problema con tu calendario.'));
    const failed = await s.chat(c.customer_id, 'sí');
    expect(String(lastOutput(llm.lastPrompt, 'create_booking').error)).toMatch(/google_unavailable: .*outcome is unknown/);
    expect(failed.at(-1)).toBe(replies.bookingUnsure);
    expect(await confirmed(c.email)).toHaveLength(1);

    llm.script(callTool('create_booking', THREE_PM), say('¡Reserva confirmada!'));
    expect(await s.chat(c.customer_id, 'sí')).toEqual(['¡Reserva confirmada!']);
    expect(lastOutput(llm.lastPrompt, 'create_booking')).toMatchObject({ created: false });
    expect(await confirmed(c.email)).toHaveLength(1);
  });
});

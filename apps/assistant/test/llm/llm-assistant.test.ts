import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CalendarToolError } from '../../src/calendar/calendar-port.js';
import { replies } from '../../src/conversation/replies.js';
import { type System, startSystem } from '../system-harness.js';
import { callTool, callTools, lastOutput, ScriptedModel, say, systemText, toolOutputs, transcript } from './scripted-model.js';

// Wednesday 13 January 2027, 10:00 in Mexico City: "mañana" is Thursday 14/01.
const NOW = new Date('2027-01-13T10:00:00-06:00');
const at = (iso: string) => Date.parse(iso);
const slot = (start: string, end: string) => ({ start, end });
const THREE_PM = slot('2027-01-14T15:00:00-06:00', '2027-01-14T16:00:00-06:00');
const NOON = slot('2027-01-14T12:00:00-06:00', '2027-01-14T13:00:00-06:00');
// The exact questions the guard makes the reply end with (texts of conversation/replies.ts).
const CONFIRM_3PM = replies.confirmAgain('mañana jueves 14 de enero a las 15:00');
const CONFIRM_NOON = replies.confirmAgain('mañana jueves 14 de enero a las 12:00');
const NEEDS_REAUTH = replies.calendarProblem(new CalendarToolError('needs_reauth', ''));
const NOT_CONNECTED = replies.calendarProblem(new CalendarToolError('not_connected', ''));

const llm = new ScriptedModel();
let s: System;
let customers = 0;

/** A new customer with a connected calendar in Mexico City (each test has its own history). */
async function customer(name: string): Promise<{ customer_id: string; email: string; name: string }> {
  customers += 1;
  const c = { customer_id: `llm-${customers}`, email: `llm${customers}@ejemplo.com`, name };
  await s.addConnectedCustomer(c, 'America/Mexico_City');
  return c;
}

const confirmed = async (email: string) => (await s.events(email)).filter((e) => e.status === 'confirmed');
/** The turn used exactly the steps scripted for it. */
const scriptUsed = () => expect(llm.unused).toBe(0);

beforeAll(async () => {
  s = await startSystem({ clock: () => NOW, languageModel: llm.model });
});
afterAll(async () => {
  await s?.close();
});
beforeEach(() => llm.clear());

describe('hints from the embedded understanding', () => {
  it('gives the model the day and time this code resolved, corrections applied, so both modes agree on when', async () => {
    const ana = await customer('Ana');
    llm.script(say('Déjame ver.'));
    await s.chat(ana.customer_id, 'kiero reservar hora y media mñn a las 4, digo a las 3');
    scriptUsed();
    expect(systemText(llm.lastPrompt)).toContain(
      'Interpretación del mensaje: jueves 14 de enero de 2027 a las 15:00 (America/Mexico_City), duración 90 minutos (el cliente se corrigió en el mensaje; vale lo último que dijo).',
    );
  });

  it('passes a doubt on, and gives no hint when the message names no day, time or length', async () => {
    const leo = await customer('Leo');
    llm.script(say('¿Qué día?'));
    await s.chat(leo.customer_id, 'el mierculis a las 10');
    expect(systemText(llm.lastPrompt)).toMatch(/Interpretación del mensaje: miércoles 20 de enero de 2027 a las 10:00 .*no es seguro: pregunta al cliente/);
    llm.script(say('¡Hola!'));
    await s.chat(leo.customer_id, 'hola');
    expect(systemText(llm.lastPrompt)).not.toContain('Interpretación del mensaje:');
    scriptUsed();
  });
});

describe('the seed conversation', () => {
  it('checks availability, proposes, books once on "sí", and a second "sí" books nothing', async () => {
    expect(CONFIRM_3PM).toMatch(/^¿Confirmas .*mañana jueves 14 de enero a las 15:00\?/);
    expect(NEEDS_REAUTH).toMatch(/reconect/);
    const juan = await customer('Juan Pérez');
    llm.script(
      callTool('check_availability', THREE_PM),
      callTool('propose_booking', THREE_PM),
      say((p) => `¡Hola Juan! Ese horario está libre.\n\n${String(lastOutput(p, 'propose_booking').confirmation_question)}`),
    );
    expect(await s.chat(juan.customer_id, 'Hola, quiero reservar para mañana a las 3 PM')).toEqual(['¡Hola Juan! Ese horario está libre.', CONFIRM_3PM]);
    scriptUsed();
    // The availability really came from the MCP Calendar Server.
    expect(lastOutput(llm.lastPrompt, 'check_availability')).toMatchObject({ free: true, time_zone: 'America/Mexico_City' });
    expect(await confirmed(juan.email)).toEqual([]);

    llm.script(callTool('create_booking', THREE_PM), say('¡Reserva confirmada! Ya está en tu Google Calendar.'));
    expect(await s.chat(juan.customer_id, 'Sí, confirmo')).toEqual(['¡Reserva confirmada! Ya está en tu Google Calendar.']);
    scriptUsed();
    expect(lastOutput(llm.lastPrompt, 'create_booking')).toMatchObject({ created: true });
    const events = await confirmed(juan.email);
    expect(events).toHaveLength(1);
    expect(at(events[0]?.start.dateTime ?? '')).toBe(at('2027-01-14T15:00:00-06:00'));
    expect(at(events[0]?.end.dateTime ?? '')).toBe(at('2027-01-14T16:00:00-06:00'));
    expect(events[0]?.summary).toBe('Reserva con Peluquería Sol');

    // A second "sí": the proposal was used up, so the guard refuses and nothing reaches the calendar.
    llm.script(callTool('create_booking', THREE_PM), say('Tu reserva ya está confirmada para mañana a las 15:00.'));
    expect(await s.chat(juan.customer_id, 'sí')).toEqual(['Tu reserva ya está confirmada para mañana a las 15:00.']);
    scriptUsed();
    expect(String(lastOutput(llm.lastPrompt, 'create_booking').error)).toContain('Sin confirmación');
    expect(await confirmed(juan.email)).toHaveLength(1);
  });

  it('binds the idempotency key to the proposal: executing the confirmed booking twice books once', async () => {
    const ana = await customer('Ana');
    llm.script(
      callTool('propose_booking', NOON),
      say((p) => String(lastOutput(p, 'propose_booking').confirmation_question)),
    );
    expect(await s.chat(ana.customer_id, 'resérvame mañana a mediodía')).toEqual([CONFIRM_NOON]);
    llm.script(callTools({ name: 'create_booking', input: NOON }, { name: 'create_booking', input: NOON }), callTool('create_booking', NOON), say('¡Hecho!'));
    expect(await s.chat(ana.customer_id, 'sí')).toEqual(['¡Hecho!']);
    scriptUsed();
    expect(toolOutputs(llm.lastPrompt, 'create_booking').map((o) => o.created)).toEqual([true, false, false]);
    const events = await confirmed(ana.email);
    expect(events.map((e) => at(e.start.dateTime ?? ''))).toEqual([at(NOON.start)]);
  });
});

describe('the guard on create_booking, update_booking and cancel_booking', () => {
  it('refuses a booking without a prior proposal, even when the customer says yes', async () => {
    const c = await customer('Carlos');
    llm.script(callTool('create_booking', NOON), say('Perdona, ¿te reservo mañana a las 12:00?'));
    expect(await s.chat(c.customer_id, 'Sí, resérvame mañana a las 12')).toEqual(['Perdona, ¿te reservo mañana a las 12:00?']);
    scriptUsed();
    expect(String(lastOutput(llm.lastPrompt, 'create_booking').error)).toMatch(/Sin confirmación.*propose_booking/);
    expect(await s.events(c.email)).toEqual([]);
  });

  it('refuses to book in the same turn as the proposal', async () => {
    const c = await customer('Carmen');
    llm.script(callTool('propose_booking', NOON), callTool('create_booking', NOON), say('Listo.'));
    const out = await s.chat(c.customer_id, 'sí, resérvame mañana a las 12');
    scriptUsed();
    expect(String(lastOutput(llm.lastPrompt, 'create_booking').error)).toContain('Sin confirmación');
    // The reply still ends with the exact question, since the proposal stands for the next message.
    expect(out).toEqual(['Listo.', CONFIRM_NOON]);
    expect(await s.events(c.email)).toEqual([]);

    // A "sí" to the noon proposal does not let the model book a slot it proposes only now.
    llm.script(callTool('propose_booking', THREE_PM), callTool('create_booking', THREE_PM), say('Listo.'));
    expect(await s.chat(c.customer_id, 'sí')).toEqual(['Listo.', CONFIRM_3PM]);
    scriptUsed();
    expect(String(lastOutput(llm.lastPrompt, 'create_booking').error)).toContain('El cliente confirmó mañana jueves 14 de enero a las 12:00, no ese horario');
    expect(await s.events(c.email)).toEqual([]);
  });

  it('refuses a booking when the customer did not say yes to the proposal', async () => {
    const c = await customer('Diego');
    for (const answer of ['mmm, no sé', 'no', 'sí, pero a las 5', '¿y a las 4?']) {
      llm.script(callTool('propose_booking', NOON), say('¿Te va bien mañana a las 12:00?'));
      expect(await s.chat(c.customer_id, 'quiero cita mañana a mediodía')).toEqual(['¿Te va bien mañana a las 12:00?', CONFIRM_NOON]);
      llm.script(callTool('create_booking', NOON), say('Entendido.'));
      expect(await s.chat(c.customer_id, answer)).toEqual(['Entendido.']);
      scriptUsed();
      expect(String(lastOutput(llm.lastPrompt, 'create_booking').error)).toContain('el cliente no ha respondido que sí');
    }
    expect(await s.events(c.email)).toEqual([]);
  });

  it('refuses to book a different slot than the one proposed', async () => {
    const c = await customer('Elena');
    llm.script(
      callTool('propose_booking', NOON),
      say((p) => String(lastOutput(p, 'propose_booking').confirmation_question)),
    );
    expect(await s.chat(c.customer_id, 'cita mañana a las 12')).toEqual([CONFIRM_NOON]);
    llm.script(callTool('create_booking', THREE_PM), callTool('create_booking', slot(NOON.start, '2027-01-14T14:00:00-06:00')), say('No he podido reservar ese horario.'));
    expect(await s.chat(c.customer_id, 'sí')).toEqual(['No he podido reservar ese horario.']);
    scriptUsed();
    const refusals = toolOutputs(llm.lastPrompt, 'create_booking');
    expect(refusals).toHaveLength(2);
    for (const r of refusals) expect(String(r.error)).toContain('El cliente confirmó mañana jueves 14 de enero a las 12:00, no ese horario');
    expect(await s.events(c.email)).toEqual([]);
  });

  it('refuses to propose a busy slot', async () => {
    const c = await customer('Fede');
    await s.control(`/calendars/${c.email}/events`, { summary: 'Dentista', start: { dateTime: THREE_PM.start }, end: { dateTime: THREE_PM.end } });
    llm.script(callTool('propose_booking', THREE_PM), say('Lo siento, a las 15:00 está ocupado.'));
    expect(await s.chat(c.customer_id, 'mañana a las 3')).toEqual(['Lo siento, a las 15:00 está ocupado.']);
    expect(String(lastOutput(llm.lastPrompt, 'propose_booking').error)).toContain('slot_unavailable');
    llm.script(callTool('create_booking', THREE_PM), say('…'));
    await s.chat(c.customer_id, 'sí');
    expect(String(lastOutput(llm.lastPrompt, 'create_booking').error)).toContain('Sin confirmación');
    expect((await confirmed(c.email)).map((e) => e.summary)).toEqual(['Dentista']);
  });

  it('moves and cancels only what the customer confirmed', async () => {
    const c = await customer('Gabi');
    llm.script(callTool('propose_booking', NOON), say('¿Confirmas?'));
    await s.chat(c.customer_id, 'cita mañana a las 12');
    llm.script(callTool('create_booking', NOON), say('Reservado.'));
    await s.chat(c.customer_id, 'sí');
    const bookingId = String((lastOutput(llm.lastPrompt, 'create_booking').booking as { booking_id: string }).booking_id);

    const FIVE_PM = slot('2027-01-14T17:00:00-06:00', '2027-01-14T18:00:00-06:00');
    llm.script(
      callTool('list_bookings', { range_start: '2027-01-13T00:00:00-06:00', range_end: '2027-01-20T00:00:00-06:00' }),
      callTool('propose_change', (p) => ({ booking_id: (lastOutput(p, 'list_bookings').bookings as { booking_id: string }[])[0]?.booking_id, ...FIVE_PM })),
      say((p) => String(lastOutput(p, 'propose_change').confirmation_question)),
    );
    expect(await s.chat(c.customer_id, 'cámbiala a las 5 de la tarde')).toEqual([
      replies.confirmReschedule('mañana jueves 14 de enero a las 12:00', 'mañana jueves 14 de enero a las 17:00'),
    ]);
    // A different new time than proposed is refused; the proposed one goes through.
    llm.script(
      callTool('update_booking', { booking_id: bookingId, ...slot('2027-01-14T18:00:00-06:00', '2027-01-14T19:00:00-06:00') }),
      callTool('update_booking', { booking_id: bookingId, ...FIVE_PM }),
      say('¡Cambiada!'),
    );
    expect(await s.chat(c.customer_id, 'sí')).toEqual(['¡Cambiada!']);
    const updates = toolOutputs(llm.lastPrompt, 'update_booking');
    expect(String(updates[0]?.error)).toContain('no otro cambio');
    expect(updates[1]).toMatchObject({ booking: { booking_id: bookingId, status: 'confirmed' } });
    expect((await confirmed(c.email)).map((e) => at(e.start.dateTime ?? ''))).toEqual([at(FIVE_PM.start)]);

    llm.script(
      callTool('propose_cancel', { booking_id: bookingId }),
      say((p) => String(lastOutput(p, 'propose_cancel').confirmation_question)),
    );
    expect(await s.chat(c.customer_id, 'cancélala')).toEqual([replies.confirmCancel('mañana jueves 14 de enero a las 17:00')]);
    llm.script(callTool('cancel_booking', { booking_id: bookingId }), say('De acuerdo, la mantengo.'));
    expect(await s.chat(c.customer_id, 'no, mejor no')).toEqual(['De acuerdo, la mantengo.']);
    expect(String(lastOutput(llm.lastPrompt, 'cancel_booking').error)).toContain('Sin confirmación');
    expect(await confirmed(c.email)).toHaveLength(1);

    llm.script(callTool('propose_cancel', { booking_id: bookingId }), say('¿Seguro?'));
    await s.chat(c.customer_id, 'bueno, cancélala');
    llm.script(callTool('cancel_booking', { booking_id: 'otra-reserva' }), callTool('cancel_booking', { booking_id: bookingId }), say('Cancelada.'));
    expect(await s.chat(c.customer_id, 'sí')).toEqual(['Cancelada.']);
    const cancels = toolOutputs(llm.lastPrompt, 'cancel_booking');
    expect(String(cancels.at(-2)?.error)).toContain('no otra');
    expect(cancels.at(-1)).toMatchObject({ cancelled: true });
    expect(await confirmed(c.email)).toEqual([]);
  });
});

describe('what the model is given', () => {
  it('a Spanish system prompt with the customer, their time zone, the local date-time and the business', async () => {
    const c = await customer('Juan Pérez');
    llm.script(say('¡Hola Juan!'));
    await s.chat(c.customer_id, 'Hola');
    const system = systemText(llm.lastPrompt);
    expect(system).toContain('Juan Pérez');
    expect(system).toContain('America/Mexico_City');
    expect(system).toContain('miércoles 13 de enero de 2027, 10:00');
    expect(system).toContain('2027-01-13T10:00:00-06:00');
    expect(system).toContain('Peluquería Sol');
    expect(system).toMatch(/Responde siempre en español/);
    // The customer's own time zone overrides the calendar's.
    await s.admin(`/api/admin/customers/${c.customer_id}`, { method: 'PATCH', json: { time_zone: 'Europe/Madrid' } });
    llm.script(say('¡Hola!'));
    await s.chat(c.customer_id, 'Hola otra vez');
    expect(systemText(llm.lastPrompt)).toContain('Europe/Madrid');
    expect(systemText(llm.lastPrompt)).toContain('miércoles 13 de enero de 2027, 17:00');
  });

  it("the MCP server's tools with the guarded ones replaced, and the proposal tools", async () => {
    const c = await customer('Hugo');
    llm.script(say('Hola'));
    await s.chat(c.customer_id, 'Hola');
    const tools = llm.model.doGenerateCalls.at(-1)?.tools ?? [];
    const names = tools.map((t) => t.name).sort();
    expect(names).toEqual(
      [
        'cancel_booking',
        'check_availability',
        'create_booking',
        'find_available_slots',
        'get_calendar_info',
        'list_bookings',
        'propose_booking',
        'propose_cancel',
        'propose_change',
        'update_booking',
      ].sort(),
    );
    // The model cannot choose the idempotency key: it is bound to the recorded proposal.
    const create = tools.find((t) => t.name === 'create_booking');
    expect(JSON.stringify(create)).not.toContain('idempotency_key');
  });

  it('the history, which survives a restart, and so does a pending proposal', async () => {
    const c = await customer('Luis');
    llm.script(callTool('check_availability', NOON), callTool('propose_booking', NOON), say('Está libre.'));
    expect(await s.chat(c.customer_id, 'Hola, ¿tienes mañana a las 12?')).toEqual(['Está libre.', CONFIRM_NOON]);
    await s.restartAssistant();
    llm.script(callTool('create_booking', NOON), say('¡Reservado!'));
    expect(await s.chat(c.customer_id, 'sí')).toEqual(['¡Reservado!']);
    expect(transcript(llm.lastPrompt)).toEqual([
      'user: Hola, ¿tienes mañana a las 12?',
      'assistant: [tool-call check_availability]',
      'tool: [tool-result check_availability]',
      'assistant: [tool-call propose_booking]',
      'tool: [tool-result propose_booking]',
      'assistant: Está libre.',
      `assistant: ${CONFIRM_NOON}`,
      'user: sí',
      'assistant: [tool-call create_booking]',
      'tool: [tool-result create_booking]',
    ]);
    expect((await confirmed(c.email)).map((e) => at(e.start.dateTime ?? ''))).toEqual([at(NOON.start)]);
  });
});

describe('when the calendar cannot be used', () => {
  it("sends a revoked calendar's customer a reconnection link (once a day), stops the model, and books nothing", async () => {
    const c = await customer('Rita');
    await s.control(`/users/${c.email}/revoke`, {});
    llm.script(callTool('check_availability', NOON), say('¡Reservado! (no debería llegar aquí)'));
    const [link, ...more] = await s.chat(c.customer_id, 'quiero reservar mañana a las 12');
    expect(more).toEqual([]);
    expect(link).toMatch(/^Tu Google Calendar necesita volver a conectarse .* Para seguir, vuelve a conectar tu calendario: https?:\/\/\S+ /);
    expect(llm.unused).toBe(1);
    llm.clear();
    llm.script(callTool('propose_booking', NOON), say('no debería llegar aquí'));
    // Within the day: the explanation, without a second link.
    expect(await s.chat(c.customer_id, 'sí')).toEqual([NEEDS_REAUTH]);
    llm.clear();
    expect(await s.events(c.email)).toEqual([]);
  });

  it('sends a customer without a connected calendar a link to connect it', async () => {
    await s.admin('/api/admin/customers', { json: { customer_id: 'llm-sin-calendario', email: 'sin-llm@ejemplo.com', name: 'Sara' } });
    llm.script(callTool('check_availability', NOON), say('no debería llegar aquí'));
    const [link, ...more] = await s.chat('llm-sin-calendario', 'quiero reservar mañana a las 12');
    expect(more).toEqual([]);
    expect(link).toMatch(/^Todavía no tienes un Google Calendar conectado.* Para seguir, vuelve a conectar tu calendario: https?:\/\/\S+ /);
    expect(NOT_CONNECTED).not.toMatch(/https?:/);
  });

  it('apologises in Spanish when the model fails', async () => {
    const c = await customer('Mario');
    expect(await s.chat(c.customer_id, 'hola')).toEqual(['Perdona, ahora mismo no puedo responderte. Inténtalo de nuevo en unos minutos.']);
  });
});

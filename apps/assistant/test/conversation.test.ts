import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type System, startSystem } from './system-harness.js';

// Wednesday 13 January 2027, 10:00 in Mexico City: "mañana" is Thursday 14/01.
const NOW = new Date('2027-01-13T10:00:00-06:00');
const JUAN = { customer_id: 'cliente-123', email: 'cliente@ejemplo.com', name: 'Juan Pérez', phone: '5215512345678' };
const at = (iso: string) => Date.parse(iso);

let s: System;
beforeAll(async () => {
  s = await startSystem({ clock: () => NOW });
  await s.addConnectedCustomer(JUAN, 'America/Mexico_City');
});
afterAll(async () => {
  await s?.close();
});

const confirmed = async (email: string) => (await s.events(email)).filter((e) => e.status === 'confirmed' && e.summary?.startsWith('Reserva con'));

describe('the seed conversation', () => {
  it('greets by name, checks the slot, asks to confirm, and books exactly once', async () => {
    const first = await s.chat(JUAN.customer_id, 'Hola, quiero reservar para mañana a las 3 PM');
    expect(first).toEqual([
      '¡Hola Juan! Perfecto, déjame verificar disponibilidad en tu calendario para mañana jueves 14 de enero a las 15:00...',
      '¡Perfecto! El horario está disponible. ¿Confirmas la reserva para mañana jueves 14 de enero a las 15:00?',
    ]);
    expect(await s.chat(JUAN.customer_id, 'Sí, confirmo')).toEqual(['¡Reserva confirmada! Se ha creado en tu Google Calendar. Recibirás un recordatorio automático.']);
    const events = await confirmed(JUAN.email);
    expect(events).toHaveLength(1);
    expect(at(events[0]?.start.dateTime ?? '')).toBe(at('2027-01-14T15:00:00-06:00'));
    expect(at(events[0]?.end.dateTime ?? '')).toBe(at('2027-01-14T16:00:00-06:00'));
    expect(events[0]?.summary).toBe('Reserva con Peluquería Sol');

    // A second "sí" books nothing new.
    expect(await s.chat(JUAN.customer_id, 'sí')).toEqual(['Tu reserva para mañana jueves 14 de enero a las 15:00 ya está confirmada. ¿Necesitas algo más?']);
    expect(await confirmed(JUAN.email)).toHaveLength(1);
  });
});

describe('booking dialogs', () => {
  it('offers the nearest free slots when the time is busy, and books the one picked', async () => {
    await s.control(`/calendars/${JUAN.email}/events`, { summary: 'Dentista', start: { dateTime: '2027-01-14T16:00:00-06:00' }, end: { dateTime: '2027-01-14T17:00:00-06:00' } });
    const busy = await s.chat(JUAN.customer_id, 'quiero una cita mañana a las 4 de la tarde');
    expect(busy[0]).toBe('Perfecto, déjame verificar disponibilidad en tu calendario para mañana jueves 14 de enero a las 16:00...');
    expect(busy[1]).toBe(
      'Lo siento, mañana jueves 14 de enero a las 16:00 ya está ocupado. Tengo libre: 1) mañana jueves 14 de enero a las 17:00; 2) mañana jueves 14 de enero a las 14:00; 3) mañana jueves 14 de enero a las 13:30. ¿Cuál prefieres?',
    );
    expect(await s.chat(JUAN.customer_id, 'la segunda')).toEqual(['¿Confirmas la reserva para mañana jueves 14 de enero a las 14:00?']);
    expect(await s.chat(JUAN.customer_id, 'dale')).toEqual(['¡Reserva confirmada! Se ha creado en tu Google Calendar. Recibirás un recordatorio automático.']);
    const starts = (await confirmed(JUAN.email)).map((e) => at(e.start.dateTime ?? ''));
    expect(starts).toContain(at('2027-01-14T14:00:00-06:00'));
    expect(starts).toHaveLength(2);
  });

  it('asks for what is missing, and a no books nothing', async () => {
    expect(await s.chat(JUAN.customer_id, 'quiero reservar el viernes')).toEqual(['¿A qué hora te viene bien pasado mañana viernes 15 de enero?']);
    const proposal = await s.chat(JUAN.customer_id, 'a las 10');
    expect(proposal.at(-1)).toBe('¡Perfecto! El horario está disponible. ¿Confirmas la reserva para pasado mañana viernes 15 de enero a las 10:00?');
    expect(await s.chat(JUAN.customer_id, 'no, mejor no')).toEqual(['De acuerdo, no he reservado nada. ¿Quieres que busque otro horario?']);
    expect(await confirmed(JUAN.email)).toHaveLength(2);
    expect(await s.chat(JUAN.customer_id, 'quiero una cita')).toEqual(['¿Para qué día y a qué hora quieres la reserva?']);
    expect((await s.chat(JUAN.customer_id, 'el lunes a las 9')).at(-1)).toBe('¡Perfecto! El horario está disponible. ¿Confirmas la reserva para el lunes 18 de enero a las 9:00?');
    expect(await s.chat(JUAN.customer_id, 'mejor a las 11')).toEqual([
      'Perfecto, déjame verificar disponibilidad en tu calendario para el lunes 18 de enero a las 11:00...',
      '¡Perfecto! El horario está disponible. ¿Confirmas la reserva para el lunes 18 de enero a las 11:00?',
    ]);
    expect(await s.chat(JUAN.customer_id, 'no')).toEqual(['De acuerdo, no he reservado nada. ¿Quieres que busque otro horario?']);
  });

  it('changes the proposal when the customer names another time, and picks an offered slot by its time', async () => {
    expect((await s.chat(JUAN.customer_id, 'reserva el lunes a las 10')).at(-1)).toBe(
      '¡Perfecto! El horario está disponible. ¿Confirmas la reserva para el lunes 18 de enero a las 10:00?',
    );
    expect((await s.chat(JUAN.customer_id, 'no, mejor el martes a las 4')).at(-1)).toBe(
      '¡Perfecto! El horario está disponible. ¿Confirmas la reserva para el martes 19 de enero a las 16:00?',
    );
    expect(await s.chat(JUAN.customer_id, 'no')).toEqual(['De acuerdo, no he reservado nada. ¿Quieres que busque otro horario?']);
    // Busy 16:00 again: options are offered; "a las 5" picks the 17:00 one.
    const busy = await s.chat(JUAN.customer_id, 'mañana a las 4 de la tarde');
    expect(busy.at(-1)).toMatch(/^Lo siento, mañana jueves 14 de enero a las 16:00 ya está ocupado\. Tengo libre: 1\) mañana jueves 14 de enero a las 17:00;/);
    expect(await s.chat(JUAN.customer_id, 'a las 5')).toEqual(['¿Confirmas la reserva para mañana jueves 14 de enero a las 17:00?']);
    expect(await s.chat(JUAN.customer_id, 'mejor no')).toEqual(['De acuerdo, no he reservado nada. ¿Quieres que busque otro horario?']);
    expect(await confirmed(JUAN.email)).toHaveLength(2);
  });

  it('names the weekday and the date in words, and takes the corrected day and hour of a self-correcting message', async () => {
    const proposal = await s.chat(JUAN.customer_id, 'kiero una sita el lunes a las 10, no no, el biernes, digo, a las 11');
    expect(proposal.at(-1)).toBe('¡Perfecto! El horario está disponible. ¿Confirmas la reserva para pasado mañana viernes 15 de enero a las 11:00?');
    expect(proposal.at(-1)).toMatch(
      /(lunes|martes|miércoles|jueves|viernes|sábado|domingo) \d{1,2} de (enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre) a las/,
    );
    expect(await s.chat(JUAN.customer_id, 'no')).toEqual(['De acuerdo, no he reservado nada. ¿Quieres que busque otro horario?']);
  });

  it('asks instead of guessing when a word is matched below the confidence floor or a correction cannot be placed', async () => {
    const before = (await confirmed(JUAN.email)).length;
    expect(await s.chat(JUAN.customer_id, 'quiero reservar el mierculis a las 10')).toEqual([
      'No estoy seguro de haberte entendido: ¿con «mierculis» querías decir «miercoles»? Escríbeme de nuevo el día y la hora, por favor, y lo reviso.',
    ]);
    expect(await s.chat(JUAN.customer_id, 'reservame mañana a las 10, no, perdón, la otra')).toEqual([
      'Veo que corregiste algo, pero no sé qué querías cambiar. ¿Me repites el día y la hora que quieres?',
    ]);
    // Nothing was proposed, so a yes books nothing.
    expect(await s.chat(JUAN.customer_id, 'sí')).toEqual(['No tengo nada pendiente de confirmar. Dime día y hora y lo reviso.']);
    expect(await confirmed(JUAN.email)).toHaveLength(before);
  });

  it('survives a restart mid-dialog', async () => {
    expect((await s.chat(JUAN.customer_id, 'reserva el martes a las 12')).at(-1)).toBe(
      '¡Perfecto! El horario está disponible. ¿Confirmas la reserva para el martes 19 de enero a las 12:00?',
    );
    await s.restartAssistant();
    expect(await s.chat(JUAN.customer_id, 'sí')).toEqual(['¡Reserva confirmada! Se ha creado en tu Google Calendar. Recibirás un recordatorio automático.']);
    expect((await confirmed(JUAN.email)).map((e) => at(e.start.dateTime ?? ''))).toContain(at('2027-01-19T12:00:00-06:00'));
  });

  it('lists, moves and cancels bookings after a confirmation, asking which when several match', async () => {
    expect(await s.chat(JUAN.customer_id, '¿qué citas tengo?')).toEqual([
      'Tus próximas reservas: 1) mañana jueves 14 de enero a las 14:00 (Reserva con Peluquería Sol); 2) mañana jueves 14 de enero a las 15:00 (Reserva con Peluquería Sol); 3) martes 19 de enero a las 12:00 (Reserva con Peluquería Sol).',
    ]);
    expect(await s.chat(JUAN.customer_id, 'cámbiala al viernes a las 10')).toEqual([
      'Tienes varias reservas: 1) mañana jueves 14 de enero a las 14:00 (Reserva con Peluquería Sol); 2) mañana jueves 14 de enero a las 15:00 (Reserva con Peluquería Sol); 3) martes 19 de enero a las 12:00 (Reserva con Peluquería Sol). ¿Cuál quieres cambiar?',
    ]);
    expect(await s.chat(JUAN.customer_id, 'la tercera')).toEqual([
      '¿Confirmas que muevo tu reserva del martes 19 de enero a las 12:00 para pasado mañana viernes 15 de enero a las 10:00?',
    ]);
    expect(await s.chat(JUAN.customer_id, 'sí')).toEqual([
      '¡Listo! Tu reserva quedó para pasado mañana viernes 15 de enero a las 10:00. Ya está actualizada en tu Google Calendar.',
    ]);
    expect((await confirmed(JUAN.email)).map((e) => at(e.start.dateTime ?? ''))).toContain(at('2027-01-15T10:00:00-06:00'));

    expect(await s.chat(JUAN.customer_id, 'cancela mi cita del viernes')).toEqual(['¿Confirmas que cancelo tu reserva de pasado mañana viernes 15 de enero a las 10:00?']);
    expect(await s.chat(JUAN.customer_id, 'sí')).toEqual(['Listo, he cancelado tu reserva de pasado mañana viernes 15 de enero a las 10:00.']);
    const left = await confirmed(JUAN.email);
    expect(left.map((e) => at(e.start.dateTime ?? '')).sort()).toEqual([at('2027-01-14T14:00:00-06:00'), at('2027-01-14T15:00:00-06:00')]);
    expect(await s.chat(JUAN.customer_id, 'cancela mi cita del domingo')).toEqual(['No encuentro reservas tuyas el domingo 17 de enero.']);
  });

  it('answers greetings, thanks, help and what it does not understand', async () => {
    expect(await s.chat(JUAN.customer_id, 'buenos días')).toEqual(['¡Hola Juan! Soy el asistente de reservas. ¿Para qué día y a qué hora quieres reservar?']);
    expect(await s.chat(JUAN.customer_id, '¡gracias!')).toEqual(['¡De nada, Juan! Aquí estoy si necesitas algo más.']);
    expect((await s.chat(JUAN.customer_id, '¿qué puedes hacer?'))[0]).toMatch(/^Puedo reservar una cita en tu calendario/);
    expect((await s.chat(JUAN.customer_id, 'el perro ladra'))[0]).toMatch(/^Perdona, no te he entendido\./);
  });
});

describe('when the calendar cannot be used', () => {
  it('tells a customer without a connected calendar, and books nothing', async () => {
    await s.admin('/api/admin/customers', { json: { customer_id: 'sin-calendario', email: 'sin@ejemplo.com', name: 'Sara' } });
    const replies = await s.chat('sin-calendario', 'quiero reservar mañana a las 9');
    expect(replies[0]).toBe('Perfecto, déjame verificar disponibilidad en tu calendario para mañana jueves 14 de enero a las 9:00...');
    // A link of their own to connect it (test/reconnect/ follows it to the booking).
    expect(replies[1]).toMatch(
      /^Todavía no tienes un Google Calendar conectado, así que no puedo consultar ni reservar\. Para seguir, vuelve a conectar tu calendario: https?:\/\/\S+ /,
    );
    expect(replies).toHaveLength(2);
  });

  it('tells the customer to reconnect when the grant was revoked, and the admin sees "needs_reauth"', async () => {
    await s.addConnectedCustomer({ customer_id: 'cliente-rev', email: 'rev@ejemplo.com', name: 'Rita' }, 'Europe/Madrid');
    await s.control('/users/rev@ejemplo.com/revoke', {});
    const replies = await s.chat('cliente-rev', 'quiero reservar mañana a las 11');
    expect(replies.at(-1)).toMatch(
      /^Tu Google Calendar necesita volver a conectarse \(el permiso caducó o se retiró\), así que no he reservado nada\. Para seguir, vuelve a conectar tu calendario: https?:\/\/\S+ /,
    );
    expect(await s.chat('cliente-rev', 'sí')).toEqual(['No tengo nada pendiente de confirmar. Dime día y hora y lo reviso.']);
    expect(await s.events('rev@ejemplo.com')).toEqual([]);
    const status = (await (await s.admin('/api/admin/customers/cliente-rev/calendar')).json()) as { status: string };
    expect(status.status).toBe('needs_reauth');
  });
});

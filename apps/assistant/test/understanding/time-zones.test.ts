import { describeCases } from './interpretation-cases.js';

describeCases('Europe/Madrid, spring forward (Saturday 2026-03-28 12:00 +01:00)', { now: '2026-03-28T12:00:00+01:00', tz: 'Europe/Madrid' }, [
  { text: 'mañana a las 9', expected: { start: '2026-03-29T09:00:00+02:00', date: '2026-03-29' } },
  { text: 'hoy a las 6', expected: { start: '2026-03-28T18:00:00+01:00' } },
  // 24 hours of elapsed time, not "same clock time tomorrow".
  { text: 'dentro de 24 horas', expected: { start: '2026-03-29T13:00:00+02:00' } },
  { text: 'el lunes a las 10', expected: { start: '2026-03-30T10:00:00+02:00' } },
  { text: 'mañana de 10 a 11', expected: { start: '2026-03-29T10:00:00+02:00', end: '2026-03-29T11:00:00+02:00' } },
]);

describeCases('Europe/Madrid, fall back (Saturday 2026-10-24 09:00 +02:00)', { now: '2026-10-24T09:00:00+02:00', tz: 'Europe/Madrid' }, [
  { text: 'el lunes a las 10', expected: { start: '2026-10-26T10:00:00+01:00' } },
  { text: 'hoy a las 8 de la noche', expected: { start: '2026-10-24T20:00:00+02:00' } },
  { text: 'mañana de 10 a 11', expected: { start: '2026-10-25T10:00:00+01:00', end: '2026-10-25T11:00:00+01:00', durationMinutes: 60 } },
  { text: 'mañana a la 1', expected: { start: '2026-10-25T13:00:00+01:00' } },
]);

describeCases('America/Argentina/Buenos_Aires (Thursday 2026-11-26 16:00)', { now: '2026-11-26T16:00:00-03:00', tz: 'America/Argentina/Buenos_Aires' }, [
  { text: '¿tenés turno el lunes a las 9?', expected: { intent: 'check_availability', start: '2026-11-30T09:00:00-03:00' } },
  { text: 'anotame mañana 18hs', expected: { intent: 'book', start: '2026-11-27T18:00:00-03:00' } },
  { text: 'reservame para el viernes 11 a las 10', expected: { start: '2026-12-11T10:00:00-03:00' } },
  { text: 'el 1/12 a las 8 de la noche', expected: { start: '2026-12-01T20:00:00-03:00' } },
  { text: 'mañana a la mañana', expected: { date: '2026-11-27', partOfDay: 'morning', start: null } },
]);

describeCases('America/Bogota (Wednesday 2026-06-10 08:00)', { now: '2026-06-10T08:00:00-05:00', tz: 'America/Bogota' }, [
  { text: '¿hay cupo hoy a las 10?', expected: { intent: 'check_availability', start: '2026-06-10T10:00:00-05:00' } },
  { text: 'sepárame una cita para el viernes a las 4 y media', expected: { intent: 'book', start: '2026-06-12T16:30:00-05:00' } },
]);

describeCases('America/Mexico_City has no DST (Sunday 2026-04-05 09:00)', { now: '2026-04-05T09:00:00-06:00', tz: 'America/Mexico_City' }, [
  { text: 'mañana a las 10', expected: { start: '2026-04-06T10:00:00-06:00' } },
  // `now` may carry another offset; dates are still the customer's.
  { text: 'hoy a las 11', now: '2026-04-05T17:00:00Z', expected: { start: '2026-04-05T11:00:00-06:00', date: '2026-04-05' } },
]);

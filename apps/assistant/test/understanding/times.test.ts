import { describeCases, MEXICO_WEDNESDAY } from './interpretation-cases.js';

// The message arrives on Wednesday 2026-01-14 at 10:00 in Mexico City (-06:00).
describeCases('hours: conventions and explicit forms', MEXICO_WEDNESDAY, [
  { text: 'reserva a la 1', expected: { start: '2026-01-14T13:00:00-06:00', date: '2026-01-14', time: '13:00' } },
  { text: 'reserva a las 12', expected: { start: '2026-01-14T12:00:00-06:00' } },
  // A bare time is its next occurrence: 08:00 has passed today, so tomorrow.
  { text: 'reserva a las 8', expected: { start: '2026-01-15T08:00:00-06:00', date: '2026-01-15' } },
  // "las 12 de la noche" is the midnight that ends the named day.
  { text: 'reserva a las 12 de la noche', expected: { start: '2026-01-15T00:00:00-06:00', date: '2026-01-15' } },
  { text: 'el viernes a las 12 de la noche', expected: { start: '2026-01-17T00:00:00-06:00', date: '2026-01-17' } },
  { text: 'mañana a las 7 de la mañana', expected: { start: '2026-01-15T07:00:00-06:00' } },
  { text: 'mañana a las 7', expected: { start: '2026-01-15T19:00:00-06:00' } },
  { text: 'mañana a las 07:00', expected: { start: '2026-01-15T07:00:00-06:00' } },
  { text: 'mañana a las 19 hs', expected: { start: '2026-01-15T19:00:00-06:00' } },
  { text: 'mañana 3pm', expected: { start: '2026-01-15T15:00:00-06:00' } },
  { text: 'mañana a las 3 p. m.', expected: { start: '2026-01-15T15:00:00-06:00' } },
  { text: 'mañana a las 10 am', expected: { start: '2026-01-15T10:00:00-06:00' } },
  { text: 'mañana a las 15.30', expected: { start: '2026-01-15T15:30:00-06:00' } },
  { text: 'mañana a las 9h30', expected: { start: '2026-01-15T09:30:00-06:00' } },
  { text: 'MAÑANA A LAS 4 DE LA TARDE', expected: { start: '2026-01-15T16:00:00-06:00', partOfDay: 'afternoon' } },
]);

describeCases('hours: minutes in words', MEXICO_WEDNESDAY, [
  { text: 'mañana a las 11 y cuarto', expected: { start: '2026-01-15T11:15:00-06:00' } },
  { text: 'mañana a las once y cuarto', expected: { start: '2026-01-15T11:15:00-06:00' } },
  { text: 'mañana a las 5 menos cuarto', expected: { start: '2026-01-15T16:45:00-06:00' } },
  { text: 'mañana a las cinco y media', expected: { start: '2026-01-15T17:30:00-06:00' } },
  { text: 'mañana a la una y media', expected: { start: '2026-01-15T13:30:00-06:00' } },
  { text: 'mañana a las tres y veinte', expected: { start: '2026-01-15T15:20:00-06:00' } },
  { text: 'mañana a las cuatro y cuarenta y cinco', expected: { start: '2026-01-15T16:45:00-06:00' } },
  { text: 'mañana a las doce del mediodía', expected: { start: '2026-01-15T12:00:00-06:00' } },
  { text: 'mañana al mediodía', expected: { start: '2026-01-15T12:00:00-06:00' } },
  { text: 'reserva a mediodia', expected: { start: '2026-01-14T12:00:00-06:00' } },
]);

describeCases('parts of the day', MEXICO_WEDNESDAY, [
  { text: 'mañana por la mañana a las 9', expected: { start: '2026-01-15T09:00:00-06:00', partOfDay: 'morning' } },
  { text: 'esta noche a las 9', expected: { start: '2026-01-14T21:00:00-06:00', partOfDay: 'evening' } },
  { text: 'hoy en la noche a las 8', expected: { start: '2026-01-14T20:00:00-06:00' } },
  // "hoy" with a morning hour that has passed: the evening one is meant.
  { text: 'hoy a las 9', expected: { start: '2026-01-14T21:00:00-06:00' } },
  { text: 'mañana temprano', expected: { date: '2026-01-15', start: null, partOfDay: 'morning' } },
  { text: 'mañana por la tarde', expected: { date: '2026-01-15', start: null, partOfDay: 'afternoon' } },
  { text: 'el lunes en la mañana', expected: { date: '2026-01-19', start: null, partOfDay: 'morning' } },
  { text: 'esta tarde', expected: { date: '2026-01-14', partOfDay: 'afternoon' } },
]);

describeCases('ranges', MEXICO_WEDNESDAY, [
  { text: 'mañana de 3 a 4', expected: { start: '2026-01-15T15:00:00-06:00', end: '2026-01-15T16:00:00-06:00', durationMinutes: 60 } },
  { text: 'el viernes de 10 a 12', expected: { start: '2026-01-16T10:00:00-06:00', end: '2026-01-16T12:00:00-06:00', durationMinutes: 120 } },
  { text: 'mañana entre las 4 y las 6 de la tarde', expected: { start: '2026-01-15T16:00:00-06:00', end: '2026-01-15T18:00:00-06:00' } },
  { text: 'mañana desde las 11 hasta la 1', expected: { start: '2026-01-15T11:00:00-06:00', end: '2026-01-15T13:00:00-06:00' } },
]);

import { describeCases, MEXICO_WEDNESDAY } from './interpretation-cases.js';

// Today is Wednesday 2026-01-14 in Mexico City.
describeCases('days of the month', MEXICO_WEDNESDAY, [
  { text: 'el 20', expected: { date: '2026-01-20' } },
  { text: 'para el 14', expected: { date: '2026-01-14' } },
  { text: 'el 13', expected: { date: '2026-02-13' } },
  { text: 'el 20 de enero', expected: { date: '2026-01-20' } },
  { text: 'el 13 de enero', expected: { date: '2027-01-13' } },
  { text: 'el 1 de febrero', expected: { date: '2026-02-01' } },
  { text: 'el primero de marzo', expected: { date: '2026-03-01' } },
  { text: 'el quince de febrero', expected: { date: '2026-02-15' } },
  { text: '22/01', expected: { date: '2026-01-22' } },
  { text: 'el 5/3 a las 10', expected: { date: '2026-03-05', start: '2026-03-05T10:00:00-06:00' } },
  { text: 'el sábado 17', expected: { date: '2026-01-17' } },
  { text: 'el lunes 19 de enero', expected: { date: '2026-01-19' } },
]);

describeCases('weekdays and relative days', MEXICO_WEDNESDAY, [
  { text: 'el miércoles', expected: { date: '2026-01-21' } },
  { text: 'el miercoles a las 10', expected: { start: '2026-01-21T10:00:00-06:00' } },
  { text: 'este viernes', expected: { date: '2026-01-16' } },
  { text: 'el viernes que viene', expected: { date: '2026-01-16' } },
  { text: 'el próximo lunes', expected: { date: '2026-01-19' } },
  { text: 'la semana que viene', expected: { date: null, start: null } },
  { text: 'el jueves de la semana que viene', expected: { date: '2026-01-22' } },
  { text: 'la próxima semana el martes a las 4', expected: { start: '2026-01-20T16:00:00-06:00' } },
  { text: 'pasado mañana', expected: { date: '2026-01-16' } },
  { text: 'PASADO MANANA A LAS 11', expected: { start: '2026-01-16T11:00:00-06:00' } },
  { text: 'hoy', expected: { date: '2026-01-14' } },
  { text: 'dentro de 3 días', expected: { date: '2026-01-17' } },
  { text: 'en una semana', expected: { date: '2026-01-21' } },
]);

describeCases('across the year end (Bogotá, Wednesday 2026-12-30 18:00)', { now: '2026-12-30T18:00:00-05:00', tz: 'America/Bogota' }, [
  { text: 'el 2 de enero a las 3 pm', expected: { start: '2027-01-02T15:00:00-05:00' } },
  { text: 'el 15', expected: { date: '2027-01-15' } },
  { text: 'el lunes', expected: { date: '2027-01-04' } },
  { text: 'el 31 a las 9', expected: { start: '2026-12-31T09:00:00-05:00' } },
  { text: '22/01', expected: { date: '2027-01-22' } },
  { text: 'pasado mañana a las 10', expected: { start: '2027-01-01T10:00:00-05:00' } },
  { text: 'a las 5', expected: { start: '2026-12-31T17:00:00-05:00', date: '2026-12-31' } },
]);

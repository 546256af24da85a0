import { describeCases, MEXICO_WEDNESDAY } from './interpretation-cases.js';

describeCases('lengths', MEXICO_WEDNESDAY, [
  { text: 'reserva de hora y media mañana a las 10', expected: { durationMinutes: 90, end: '2026-01-15T11:30:00-06:00' } },
  { text: 'quiero una cita de 45 minutos', expected: { intent: 'book', durationMinutes: 45, start: null, end: null } },
  { text: 'media hora mañana a las 9', expected: { durationMinutes: 30, end: '2026-01-15T09:30:00-06:00' } },
  { text: 'dos horas el viernes a las 3', expected: { durationMinutes: 120, end: '2026-01-16T17:00:00-06:00' } },
  { text: 'una hora y cuarto', expected: { durationMinutes: 75 } },
  { text: '90 min el lunes a las 10', expected: { durationMinutes: 90, start: '2026-01-19T10:00:00-06:00' } },
  { text: 'reservá 2 hs el lunes', expected: { durationMinutes: 120, date: '2026-01-19' } },
  { text: '1h30 el lunes a las 10', expected: { durationMinutes: 90, start: '2026-01-19T10:00:00-06:00', end: '2026-01-19T11:30:00-06:00' } },
]);

describeCases('offsets from now', MEXICO_WEDNESDAY, [
  { text: 'en 30 minutos', expected: { start: '2026-01-14T10:30:00-06:00', date: '2026-01-14', durationMinutes: null } },
  { text: 'dentro de una hora y media', expected: { start: '2026-01-14T11:30:00-06:00' } },
  { text: 'en media hora', expected: { start: '2026-01-14T10:30:00-06:00' } },
  { text: 'dentro de 2 horas', now: '2026-01-14T23:00:00-06:00', expected: { start: '2026-01-15T01:00:00-06:00', date: '2026-01-15' } },
]);

import { describeCases, MEXICO_WEDNESDAY } from './interpretation-cases.js';

describeCases('answers to offered options', MEXICO_WEDNESDAY, [
  { text: 'la segunda', expected: { ordinal: 2, date: null, start: null } },
  { text: 'el primero', expected: { ordinal: 1, date: null } },
  { text: 'la 1ra', expected: { ordinal: 1 } },
  { text: 'la opción 3', expected: { ordinal: 3 } },
  { text: 'la última', expected: { ordinal: -1 } },
  { text: '2', expected: { ordinal: 2 } },
  { text: 'a las 5', expected: { time: '17:00', ordinal: null, date: '2026-01-14', dayNamed: false } },
  { text: 'mañana a las 5', expected: { time: '17:00', date: '2026-01-15', dayNamed: true } },
  { text: 'dentro de 2 horas', expected: { date: '2026-01-14', dayNamed: false } },
  { text: 'en 3 días', expected: { date: '2026-01-17', dayNamed: true } },
  { text: 'la de las 10', expected: { time: '10:00' } },
  { text: 'por la tarde', expected: { partOfDay: 'afternoon', date: null, start: null, time: null } },
  { text: 'a las 4 de la tarde', expected: { time: '16:00', partOfDay: 'afternoon' } },
  { text: 'Buenas noches, ¿tienen disponible mañana a la noche?', expected: { greeting: true, partOfDay: 'evening', date: '2026-01-15' } },
]);

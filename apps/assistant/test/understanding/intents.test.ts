import { describeCases, MEXICO_WEDNESDAY } from './interpretation-cases.js';

describeCases('greetings, thanks and help', MEXICO_WEDNESDAY, [
  { text: 'Hola, ¿cómo estás?', expected: { intent: 'greeting', greeting: true } },
  { text: 'BUENAS TARDES', expected: { intent: 'greeting', partOfDay: null, date: null } },
  { text: 'buen día', expected: { intent: 'greeting' } },
  { text: 'Holaaa 👋', expected: { intent: 'greeting' } },
  { text: 'Muchas gracias!!', expected: { intent: 'thanks' } },
  { text: 'mil gracias 🙏', expected: { intent: 'thanks' } },
  { text: 'ok, gracias', expected: { intent: 'thanks' } },
  { text: '¿cómo funciona esto?', expected: { intent: 'help' } },
  { text: 'ayuda por favor', expected: { intent: 'help' } },
  { text: '¿Cómo reservo una cita?', expected: { intent: 'help' } },
  { text: 'asdfgh', expected: { intent: 'unknown', date: null, start: null } },
]);

describeCases('confirm and deny', MEXICO_WEDNESDAY, [
  { text: 'si', expected: { intent: 'confirm' } },
  { text: 'Sí, confirmo ✅', expected: { intent: 'confirm' } },
  { text: '👍', expected: { intent: 'confirm' } },
  { text: 'OK', expected: { intent: 'confirm' } },
  { text: 'De acuerdo.', expected: { intent: 'confirm' } },
  { text: 'claro que sí', expected: { intent: 'confirm' } },
  { text: 'va', expected: { intent: 'confirm' } },
  { text: 'está bien', expected: { intent: 'confirm' } },
  { text: 'Perfecto!', expected: { intent: 'confirm' } },
  { text: 'dale, reservalo', expected: { intent: 'confirm' } },
  { text: 'vale', expected: { intent: 'confirm' } },
  { text: 'sí, gracias', expected: { intent: 'confirm' } },
  { text: 'No, gracias', expected: { intent: 'deny' } },
  { text: 'nop', expected: { intent: 'deny' } },
  { text: 'para nada', expected: { intent: 'deny' } },
  { text: 'mejor no', expected: { intent: 'deny' } },
  { text: 'mejor otro día', expected: { intent: 'deny' } },
  { text: 'ese horario no me sirve', expected: { intent: 'deny' } },
  { text: '👎', expected: { intent: 'deny' } },
  { text: 'no, mejor el viernes a las 5', expected: { intent: 'deny', start: '2026-01-16T17:00:00-06:00' } },
]);

describeCases('cancel', MEXICO_WEDNESDAY, [
  { text: 'cancelá mi turno del sábado', expected: { intent: 'cancel', date: '2026-01-17' } },
  { text: 'anula mi reserva', expected: { intent: 'cancel', date: null } },
  { text: 'borra la cita del 20', expected: { intent: 'cancel', date: '2026-01-20' } },
  { text: 'ya no quiero la cita de mañana', expected: { intent: 'cancel', date: '2026-01-15' } },
  { text: 'quiero eliminar mi reserva', expected: { intent: 'cancel' } },
  { text: 'no voy a poder ir a mi cita del viernes', expected: { intent: 'cancel', date: '2026-01-16' } },
]);

describeCases('reschedule (start is the new time)', MEXICO_WEDNESDAY, [
  { text: '¿puedo cambiar mi cita del lunes al martes a las 6?', expected: { intent: 'reschedule', date: '2026-01-20', start: '2026-01-20T18:00:00-06:00' } },
  { text: 'cámbiala al viernes a las 10', expected: { intent: 'reschedule', start: '2026-01-16T10:00:00-06:00' } },
  { text: 'pasa mi turno para el jueves a las 11', expected: { intent: 'reschedule', start: '2026-01-15T11:00:00-06:00' } },
  { text: 'mueve mi cita de las 3 a las 5', expected: { intent: 'reschedule', start: '2026-01-14T17:00:00-06:00', end: null } },
  { text: 'quiero reprogramar mi cita', expected: { intent: 'reschedule', date: null, start: null } },
  { text: '¿se puede posponer mi reserva para la semana que viene?', expected: { intent: 'reschedule', date: null } },
]);

describeCases('list', MEXICO_WEDNESDAY, [
  { text: '¿qué turnos tengo?', expected: { intent: 'list' } },
  { text: 'mis citas', expected: { intent: 'list' } },
  { text: '¿Cuándo es mi próxima cita?', expected: { intent: 'list' } },
  { text: '¿tengo cita mañana?', expected: { intent: 'list', date: '2026-01-15' } },
  { text: 'muéstrame mis reservas', expected: { intent: 'list' } },
]);

describeCases('check availability', MEXICO_WEDNESDAY, [
  { text: '¿tenés lugar el martes?', expected: { intent: 'check_availability', date: '2026-01-20', start: null } },
  { text: '¿hay cupo mañana en la tarde?', expected: { intent: 'check_availability', date: '2026-01-15', partOfDay: 'afternoon' } },
  { text: '¿Está libre el sábado a las 11?', expected: { intent: 'check_availability', start: '2026-01-17T11:00:00-06:00' } },
  { text: '¿me pueden atender hoy a las 4?', expected: { intent: 'check_availability', start: '2026-01-14T16:00:00-06:00' } },
  { text: '¿qué horarios tienes el viernes?', expected: { intent: 'check_availability', date: '2026-01-16' } },
  { text: '¿Tiene disponibilidad el 22 de enero?', expected: { intent: 'check_availability', date: '2026-01-22' } },
  { text: '¡¡Hola!! 😊 ¿Tienes libre mañana a las 4???', expected: { intent: 'check_availability', greeting: true, start: '2026-01-15T16:00:00-06:00' } },
]);

describeCases('book', MEXICO_WEDNESDAY, [
  { text: 'agéndame una cita para mañana a las 9 y media', expected: { intent: 'book', start: '2026-01-15T09:30:00-06:00' } },
  { text: 'anotame para el viernes 18hs', expected: { intent: 'book', start: '2026-01-16T18:00:00-06:00' } },
  { text: 'resérvame un hueco el lunes a las 8 de la noche', expected: { intent: 'book', start: '2026-01-19T20:00:00-06:00' } },
  { text: 'quiero apartar un espacio el 1 de febrero a las 10', expected: { intent: 'book', start: '2026-02-01T10:00:00-06:00' } },
  { text: 'sepárame una cita el jueves a la 1', expected: { intent: 'book', start: '2026-01-15T13:00:00-06:00' } },
  { text: 'Quisiera una cita el miércoles', expected: { intent: 'book', date: '2026-01-21', start: null } },
  { text: 'quiero reservar manana a las tres y media de la tarde', expected: { intent: 'book', start: '2026-01-15T15:30:00-06:00' } },
  { text: 'Hola, quiero reservar mañana a las 5', expected: { intent: 'book', greeting: true, start: '2026-01-15T17:00:00-06:00' } },
  // No verb: naming a day/time defaults to book; the dialog layer reads the slots in context.
  { text: 'mañana a las 3', expected: { intent: 'book', start: '2026-01-15T15:00:00-06:00' } },
  { text: 'el viernes a las 10', expected: { intent: 'book', start: '2026-01-16T10:00:00-06:00' } },
]);

import type { BookingOut, IntervalOut } from '@agendo/contracts';
import type { CalendarToolError } from '../calendar/calendar-port.js';
import { describeStart } from './spanish-dates.js';

/** Everything the assistant says, in Spanish, in one place. */
export const replies = {
  hello: (name: string | null) => (name ? `¡Hola ${firstName(name)}!` : '¡Hola!'),
  greetingOnly: (name: string | null) => `${replies.hello(name)} Soy el asistente de reservas. ¿Para qué día y a qué hora quieres reservar?`,
  thanks: (name: string | null) => `¡De nada${name ? `, ${firstName(name)}` : ''}! Aquí estoy si necesitas algo más.`,
  help: 'Puedo reservar una cita en tu calendario, ver si un horario está libre, mostrarte tus reservas, cambiarlas o cancelarlas. Por ejemplo: «quiero reservar mañana a las 3 PM» o «¿qué citas tengo?».',
  notUnderstood: 'Perdona, no te he entendido.',
  unsureSpelling: (written: string, read: string) =>
    `No estoy seguro de haberte entendido: ¿con «${written}» querías decir «${read}»? Escríbeme de nuevo el día y la hora, por favor, y lo reviso.`,
  unsureCorrection: 'Veo que corregiste algo, pero no sé qué querías cambiar. ¿Me repites el día y la hora que quieres?',
  askDayAndTime: '¿Para qué día y a qué hora quieres la reserva?',
  askTime: (day: string) => `¿A qué hora te viene bien ${day}?`,
  checking: (when: string) => `Perfecto, déjame verificar disponibilidad en tu calendario para ${when}...`,
  available: (when: string) => `¡Perfecto! El horario está disponible. ¿Confirmas la reserva para ${when}?`,
  availableQuestion: (when: string) => `Sí, ${when} está libre. ¿Quieres que te lo reserve?`,
  inThePast: 'Esa hora ya pasó. ¿Qué otro día u hora te viene bien?',
  busyWithOptions: (when: string, options: string[]) => `Lo siento, ${when} ya está ocupado. Tengo libre: ${numbered(options)}. ¿Cuál prefieres?`,
  optionsForDay: (options: string[]) => `Tengo libre: ${numbered(options)}. ¿Cuál prefieres?`,
  busyNoOptions: (when: string) => `Lo siento, ${when} ya está ocupado y no encuentro huecos libres en los próximos días. ¿Probamos otra fecha?`,
  noSlotsThatDay: (day: string) => `No encuentro huecos libres ${day}. ¿Probamos otro día?`,
  whichOption: (count: number) => `¿Cuál de las ${count} opciones prefieres? Dime el número, por ejemplo «la primera».`,
  confirmAgain: (when: string) => `¿Confirmas la reserva para ${when}? Responde «sí» o «no».`,
  booked: '¡Reserva confirmada! Se ha creado en tu Google Calendar. Recibirás un recordatorio automático.',
  bookingUnsure: 'No pude confirmar con tu calendario si la reserva quedó hecha. Responde «sí» para que lo compruebe y la termine sin duplicarla.',
  bookingPending: (when: string) => `Tu reserva para ${when} está pendiente: ${lowerFirst(replies.bookingUnsure)}`,
  declinedUnsure: 'De acuerdo, no lo intento de nuevo. Puede que la reserva sí se creara antes del fallo: pregúntame «¿qué citas tengo?» para comprobarlo.',
  alreadyBooked: (when: string) => `Tu reserva para ${when} ya está confirmada. ¿Necesitas algo más?`,
  nothingToConfirm: 'No tengo nada pendiente de confirmar. Dime día y hora y lo reviso.',
  declined: 'De acuerdo, no he reservado nada. ¿Quieres que busque otro horario?',
  okNothingElse: 'De acuerdo. ¿En qué más te puedo ayudar?',
  noBookings: 'No tienes reservas próximas.',
  noBookingsOn: (day: string) => `No encuentro reservas tuyas ${day}.`,
  bookingList: (items: string[]) => `Tus próximas reservas: ${numbered(items)}.`,
  whichBooking: (purpose: 'cancel' | 'reschedule', items: string[]) =>
    `Tienes varias reservas: ${numbered(items)}. ¿Cuál quieres ${purpose === 'cancel' ? 'cancelar' : 'cambiar'}?`,
  confirmCancel: (when: string) => `¿Confirmas que cancelo tu reserva ${ofWhen(when)}?`,
  /** In answer to «cancelar» after a reminder: the reminded booking. */
  confirmRemindedCancel: (when: string) => `¿Cancelo tu reserva ${ofWhen(when)}? Responde «sí» o «no».`,
  cancelled: (when: string) => `Listo, he cancelado tu reserva ${ofWhen(when)}.`,
  keptBooking: 'De acuerdo, mantengo tu reserva.',
  askNewTime: (when: string) => `¿A qué día y hora quieres mover tu reserva ${ofWhen(when)}?`,
  confirmReschedule: (from: string, to: string) => `¿Confirmas que muevo tu reserva ${ofWhen(from)} para ${to}?`,
  rescheduled: (to: string) => `¡Listo! Tu reserva quedó para ${to}. Ya está actualizada en tu Google Calendar.`,
  rescheduleBusy: (to: string) => `Lo siento, ${to} ya está ocupado. ¿Qué otro día u hora te viene bien?`,
  calendarProblem(err: CalendarToolError): string {
    switch (err.code) {
      case 'not_connected':
        return 'Todavía no tienes un Google Calendar conectado, así que no puedo consultar ni reservar. Pide al negocio que lo conecte desde el panel.';
      case 'needs_reauth':
        return 'Tu Google Calendar necesita volver a conectarse (el permiso caducó o se retiró), así que no he reservado nada. Pide al negocio que lo reconecte desde el panel.';
      case 'rate_limited':
      case 'google_unavailable':
      case 'unreachable':
        return 'Ahora mismo no puedo acceder a tu calendario. Inténtalo de nuevo en unos minutos.';
      case 'not_found':
        return 'No encuentro esa reserva en tu calendario. ¿Quieres que te muestre tus reservas?';
      default:
        return 'Algo salió mal al consultar tu calendario. Inténtalo de nuevo en un momento.';
    }
  },
};

/** "del viernes 16 de enero …" / "de mañana jueves 15 de enero …": `de` + a {@link describeStart} phrase, contracted. */
function ofWhen(when: string): string {
  return when.startsWith('el ') ? `del ${when.slice(3)}` : `de ${when}`;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? name;
}

function numbered(items: string[]): string {
  return items.map((item, i) => `${i + 1}) ${item}`).join('; ');
}

/** "mañana jueves 15 de enero a las 15:00" for a slot. */
export function describeSlot(slot: IntervalOut, timeZone: string, now: Date): string {
  return describeStart(slot.start, timeZone, now);
}

/** "jueves 15 de enero a las 15:00 (Reserva con …)" for a booking in a list. */
export function describeBooking(booking: BookingOut, timeZone: string, now: Date): string {
  return `${describeStart(booking.start, timeZone, now).replace(/^el /, '')} (${booking.title})`;
}

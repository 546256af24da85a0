import { randomUUID } from 'node:crypto';
import type { BookingOut } from '@agendo/contracts';
import { type ToolSet, tool } from 'ai';
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { CalendarToolsClient } from '../calendar/calendar-tools-client.js';
import { replies } from '../conversation/replies.js';
import { describeStart } from '../conversation/spanish-dates.js';
import { callCalendar } from './calendar-call.js';
import type { LlmTurn } from './llm-turn.js';
import type { PendingAction } from './pending-action.js';
import { normalizeSlotTime, sameInstant } from './slot-time.js';
import { ToolRefusal } from './tool-refusal.js';

/** What the proposal tools need around them. */
export interface ProposalToolsOptions {
  /** The calendar, through the typed client of the shared contract. */
  readonly tools: CalendarToolsClient;
  /** Used in booking titles: "Reserva con {businessName}". */
  readonly businessName: string;
}

const dateTime = (what: string) => z.string().describe(`${what}, RFC 3339 con el desfase de la zona del cliente, p. ej. 2027-01-14T15:00:00-06:00`);

const NEXT_STEP =
  'Propuesta registrada. Termina tu respuesta con confirmation_question, tal cual, y espera la respuesta del cliente. ' +
  'No llames a create_booking, update_booking ni cancel_booking en este turno: sólo funcionarán si el cliente responde que sí en su próximo mensaje.';

/**
 * `propose_booking`, `propose_change` and `propose_cancel`: the only way for the model to put a
 * booking, a move or a cancellation to the customer. Each checks the calendar (the slot is free, the
 * booking exists), records the exact action on the turn, and returns the Spanish question that
 * states it; the guarded tools execute nothing else, and only after the customer's yes.
 */
export function proposalTools(options: ProposalToolsOptions, turn: LlmTurn): ToolSet {
  const { tools } = options;
  const customerId = turn.customer.customer_id;
  const tz = turn.timeZone;
  const when = (iso: string) => describeStart(iso, tz, turn.now);

  const slot = (start: string, end: string): { start: string; end: string } => {
    const s = normalizeSlotTime(start, tz);
    const e = normalizeSlotTime(end, tz);
    if (!s || !e) throw new ToolRefusal('invalid_argument: start y end deben ser fechas RFC 3339, p. ej. 2027-01-14T15:00:00-06:00.');
    if (Date.parse(e) <= Date.parse(s)) throw new ToolRefusal('invalid_argument: end debe ser posterior a start.');
    if (Date.parse(s) <= turn.now.getTime()) throw new ToolRefusal('invalid_argument: ese horario ya pasó. Pregunta al cliente por otro.');
    return { start: s, end: e };
  };

  /** The slot's conflicts, other than `own` (a booking being moved does not conflict with itself). */
  const conflicts = async (s: { start: string; end: string }, own?: BookingOut) => {
    const r = await callCalendar(turn, () => tools.checkAvailability(customerId, s));
    if (!own) return r.conflicts;
    return r.conflicts.filter((c) => Date.parse(c.start) < Date.parse(own.start) || Date.parse(c.end) > Date.parse(own.end));
  };

  const findBooking = async (bookingId: string): Promise<BookingOut> => {
    const now = DateTime.fromJSDate(turn.now, { zone: tz });
    const range = { range_start: now.minus({ days: 1 }).toISO() ?? '', range_end: now.plus({ days: 365 }).toISO() ?? '' };
    const { bookings } = await callCalendar(turn, () => tools.listBookings(customerId, range));
    const booking = bookings.find((b) => b.booking_id === bookingId && b.status === 'confirmed');
    if (!booking) throw new ToolRefusal('not_found: no encuentro esa reserva entre las próximas del cliente. Consulta list_bookings y usa su booking_id.');
    return booking;
  };

  const record = (action: PendingAction, question: string) => {
    turn.proposal = { action, question };
    return { proposal_recorded: true, confirmation_question: question, next_step: NEXT_STEP };
  };

  return {
    propose_booking: tool({
      description:
        'Propone al cliente una reserva nueva. Comprueba que el horario está libre y registra la propuesta; devuelve la pregunta de confirmación que debes hacerle. ' +
        'Es obligatorio antes de create_booking.',
      inputSchema: z.object({ start: dateTime('Inicio'), end: dateTime('Fin') }),
      execute: async ({ start, end }) => {
        const s = slot(start, end);
        const busy = await conflicts(s);
        if (busy.length > 0) {
          throw new ToolRefusal(`slot_unavailable: ese horario está ocupado (${JSON.stringify(busy)}). No lo propongas: busca huecos con find_available_slots.`);
        }
        const same = [turn.proposal?.action, turn.previous].find((p) => p?.kind === 'create' && sameInstant(s.start, p.start, tz) && sameInstant(s.end, p.end, tz));
        const key = same?.kind === 'create' ? same.idempotencyKey : `llm-proposal-${randomUUID()}`;
        return record({ kind: 'create', ...s, title: `Reserva con ${options.businessName}`, idempotencyKey: key }, replies.confirmAgain(when(s.start)));
      },
    }),
    propose_change: tool({
      description:
        'Propone al cliente mover una de sus reservas (booking_id de list_bookings) a otro horario. Comprueba que el nuevo horario está libre y registra la propuesta; ' +
        'devuelve la pregunta de confirmación que debes hacerle. Es obligatorio antes de update_booking.',
      inputSchema: z.object({ booking_id: z.string().min(1), start: dateTime('Nuevo inicio'), end: dateTime('Nuevo fin') }),
      execute: async ({ booking_id, start, end }) => {
        const s = slot(start, end);
        const booking = await findBooking(booking_id);
        const busy = await conflicts(s, booking);
        if (busy.length > 0) {
          throw new ToolRefusal(`slot_unavailable: el nuevo horario está ocupado (${JSON.stringify(busy)}). Busca huecos con find_available_slots.`);
        }
        const question = replies.confirmReschedule(when(booking.start), when(s.start));
        return record({ kind: 'change', bookingId: booking.booking_id, fromStart: booking.start, ...s }, question);
      },
    }),
    propose_cancel: tool({
      description:
        'Propone al cliente cancelar una de sus reservas (booking_id de list_bookings). Registra la propuesta y devuelve la pregunta de confirmación que debes hacerle. ' +
        'Es obligatorio antes de cancel_booking.',
      inputSchema: z.object({ booking_id: z.string().min(1) }),
      execute: async ({ booking_id }) => {
        const booking = await findBooking(booking_id);
        return record({ kind: 'cancel', bookingId: booking.booking_id, fromStart: booking.start }, replies.confirmCancel(when(booking.start)));
      },
    }),
  };
}

import { type ToolSet, tool } from 'ai';
import { z } from 'zod';
import type { ActivityLog } from '../activity/activity-log.js';
import type { CalendarToolsClient } from '../calendar/calendar-tools-client.js';
import { replies } from '../conversation/replies.js';
import { describeStart } from '../conversation/spanish-dates.js';
import { isUnknownOutcome } from '../conversation/unknown-outcome.js';
import type { CustomerStore } from '../customers/customer-store.js';
import type { BookingReminders } from '../reminders/booking-reminders.js';
import { callCalendar } from './calendar-call.js';
import type { LlmTurn } from './llm-turn.js';
import type { PendingAction } from './pending-action.js';
import { sameInstant } from './slot-time.js';
import { ToolRefusal } from './tool-refusal.js';

/** What the guarded tools need around them. */
export interface GuardedToolsOptions {
  /** The calendar, through the typed client of the shared contract. */
  readonly tools: CalendarToolsClient;
  readonly customers: CustomerStore;
  /** The activity log: what the customer confirmed and the calendar did (booked, moved, cancelled). */
  readonly activity?: Pick<ActivityLog, 'record'> | undefined;
  /** The WhatsApp reminders: told of every booking made, moved and cancelled here (as the embedded engine does). */
  readonly reminders?: Pick<BookingReminders, 'booked' | 'moved' | 'cancelled'> | undefined;
  /** A reminder that could not be scheduled, moved or dropped is reported here; it never fails the booking. */
  readonly onError?: ((err: unknown) => void) | undefined;
}

const PROPOSE_TOOL = { create: 'propose_booking', change: 'propose_change', cancel: 'propose_cancel' } as const;
const dateTime = (what: string) => z.string().describe(`${what}, exactamente el de la propuesta confirmada`);

/**
 * `create_booking`, `update_booking` and `cancel_booking` behind a guard that holds in code, whatever
 * the model says: each runs only when (a) this message is the customer's explicit yes and (b) the
 * action is the one recorded by a `propose_*` tool in the previous reply, with the same booking and the
 * same instants. The server then receives the recorded arguments (for a booking, with the idempotency
 * key bound to the proposal, so a repeated yes books nothing new). Otherwise the tool returns an error
 * to the model and nothing reaches the MCP Calendar Server. A booking whose outcome is unknown (Google
 * or the server failed after the request left) stays the pending proposal with its key, so the next yes
 * finds the event instead of making a second one.
 */
export function guardedTools(options: GuardedToolsOptions, turn: LlmTurn): ToolSet {
  const { tools } = options;
  const customerId = turn.customer.customer_id;
  const tz = turn.timeZone;
  const when = (iso: string) => describeStart(iso, tz, turn.now);
  /** Records what the customer's yes did; a failed write never undoes it. */
  const record = async (event: Parameters<ActivityLog['record']>[1]) => {
    await options.activity?.record(customerId, event).catch(() => undefined);
  };
  /** Tells the reminders what the calendar did; a failure is reported, the booking stands. */
  const remind = async (hook: (reminders: NonNullable<GuardedToolsOptions['reminders']>) => Promise<void>) => {
    if (options.reminders) await hook(options.reminders).catch((err: unknown) => options.onError?.(err));
  };

  return {
    create_booking: tool({
      description:
        'Crea la reserva que el cliente acaba de confirmar. Sólo funciona si la propusiste con propose_booking en tu mensaje anterior y el cliente ha respondido que sí; ' +
        'usa exactamente el mismo start y end.',
      inputSchema: z.object({ start: dateTime('Inicio'), end: dateTime('Fin') }),
      execute: async ({ start, end }) => {
        const p = confirmedAction(turn, 'create');
        if (!sameInstant(start, p.start, tz) || !sameInstant(end, p.end, tz)) {
          throw new ToolRefusal(`El cliente confirmó ${when(p.start)}, no ese horario. Para otro horario, propónlo con propose_booking y espera su confirmación.`);
        }
        const ending = turn.calendarProblem;
        let result;
        try {
          result = await callCalendar(turn, () => tools.createBooking(customerId, { start: p.start, end: p.end, title: p.title, idempotency_key: p.idempotencyKey }));
        } catch (err) {
          if (!isUnknownOutcome((err as Error).cause)) throw err;
          // The event may exist: the same proposal (same key) stays pending, and the reply says we will check.
          turn.calendarProblem = ending;
          turn.proposal = { action: p, question: replies.bookingUnsure };
          throw new Error(
            `${(err as Error).message}\nLa propuesta sigue pendiente con la misma clave: no propongas otro horario. Dile al cliente exactamente: «${replies.bookingUnsure}»`,
            { cause: (err as Error).cause },
          );
        }
        await options.customers.rememberBooking(customerId, result.booking, null);
        // A repeated yes finds the same event: the store keeps one reminder per booking.
        await remind((r) => r.booked(customerId, result.booking));
        // A repeated yes finds the same event (created: false): booked once in the log too.
        if (result.created) await record({ kind: 'booked', actor: 'customer', bookingId: result.booking.booking_id, bookingStart: result.booking.start });
        return result;
      },
    }),
    update_booking: tool({
      description:
        'Mueve una reserva al horario que el cliente acaba de confirmar. Sólo funciona si lo propusiste con propose_change en tu mensaje anterior y el cliente ha respondido que sí; ' +
        'usa exactamente el mismo booking_id, start y end.',
      inputSchema: z.object({ booking_id: z.string(), start: dateTime('Nuevo inicio'), end: dateTime('Nuevo fin') }),
      execute: async ({ booking_id, start, end }) => {
        const p = confirmedAction(turn, 'change');
        if (booking_id !== p.bookingId || !sameInstant(start, p.start, tz) || !sameInstant(end, p.end, tz)) {
          throw new ToolRefusal(
            `El cliente confirmó mover su reserva que empieza ${when(p.fromStart)} a ${when(p.start)}, no otro cambio. Para otro cambio, propónlo con propose_change.`,
          );
        }
        const moved = await callCalendar(turn, () => tools.updateBooking(customerId, { booking_id: p.bookingId, start: p.start, end: p.end }));
        await remind((r) => r.moved(customerId, moved.booking.booking_id, moved.booking.start));
        await record({ kind: 'moved', actor: 'customer', bookingId: moved.booking.booking_id, bookingStart: moved.booking.start });
        return moved;
      },
    }),
    cancel_booking: tool({
      description:
        'Cancela la reserva que el cliente acaba de confirmar. Sólo funciona si lo propusiste con propose_cancel en tu mensaje anterior y el cliente ha respondido que sí; ' +
        'usa el mismo booking_id.',
      inputSchema: z.object({ booking_id: z.string() }),
      execute: async ({ booking_id }) => {
        const p = confirmedAction(turn, 'cancel');
        if (booking_id !== p.bookingId) {
          throw new ToolRefusal(`El cliente confirmó cancelar su reserva que empieza ${when(p.fromStart)}, no otra. Para otra, propónlo con propose_cancel.`);
        }
        const cancelled = await callCalendar(turn, () => tools.cancelBooking(customerId, { booking_id: p.bookingId }));
        await remind((r) => r.cancelled(customerId, cancelled.booking.booking_id));
        await record({ kind: 'cancelled', actor: 'customer', bookingId: cancelled.booking.booking_id, bookingStart: cancelled.booking.start });
        return cancelled;
      },
    }),
  };
}

/** The previous reply's proposal of `kind`, when this message is the customer's yes to it; else a refusal. */
function confirmedAction<K extends PendingAction['kind']>(turn: LlmTurn, kind: K): Extract<PendingAction, { kind: K }> {
  const p = turn.previous;
  if (!p || p.kind !== kind) {
    throw new ToolRefusal(
      `Sin confirmación: no hay ninguna propuesta de este tipo pendiente de confirmar. Primero llama a ${PROPOSE_TOOL[kind]}, ` +
        'haz al cliente la pregunta de confirmación y espera a que responda que sí en su próximo mensaje.',
    );
  }
  if (!turn.confirmed) {
    throw new ToolRefusal('Sin confirmación: el cliente no ha respondido que sí a tu propuesta. Pregúntale de nuevo si la confirma y espera su «sí».');
  }
  return p as Extract<PendingAction, { kind: K }>;
}

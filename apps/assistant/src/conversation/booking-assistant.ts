import { randomUUID } from 'node:crypto';
import type { BookingOut, IntervalOut } from '@agendo/contracts';
import { type ExclusiveLocks, InProcessLocks } from '@agendo/database';
import { DateTime } from 'luxon';
import { type CalendarPort, CalendarToolError } from '../calendar/calendar-port.js';
import type { CustomerTimeZones } from '../calendar/customer-time-zones.js';
import type { Customer, CustomerStore } from '../customers/customer-store.js';
import { type PendingRequest, parsePendingRequest } from '../reconnect/pending-request.js';
import { reconnectReplies } from '../reconnect/reconnect-replies.js';
import type { ReconnectResumer } from '../reconnect/reconnect-resumer.js';
import { isReconnectable, type Reconnection } from '../reconnect/reconnection.js';
import type { BookingReminders } from '../reminders/booking-reminders.js';
import { type Interpretation, interpret } from '../understanding/index.js';
import { dialogLockKey } from './dialog-lock-key.js';
import type { DialogState, Proposal } from './dialog-state.js';
import { IDLE } from './dialog-state.js';
import type { DialogStore } from './dialog-store.js';
import { describeBooking, describeSlot, replies } from './replies.js';
import { dayLabel, describeStart, localDate, localTime, localToIso, plusMinutes } from './spanish-dates.js';
import { isUnknownOutcome } from './unknown-outcome.js';

/** What the assistant needs around it. */
export interface BookingAssistantOptions {
  readonly customers: CustomerStore;
  readonly dialogs: DialogStore;
  readonly calendar: CalendarPort;
  readonly timeZones: CustomerTimeZones;
  readonly businessName: string;
  /** The current time (tests pin it). */
  readonly clock?: () => Date;
  /**
   * Runs each customer's turns one at a time: the database's locks, so across replicas on PostgreSQL two
   * messages of one customer never both act on one proposal (default: in this process only).
   */
  readonly locks?: ExclusiveLocks;
  /** The WhatsApp reminders of the bookings made here: scheduled, moved and dropped with them (none when absent). */
  readonly reminders?: BookingReminders;
  /** Reconnecting from the chat: a link of their own on `needs_reauth`/`not_connected`, and the request resumed after (absent: only the explanation). */
  readonly reconnection?: Reconnection;
}

/** One message being answered. */
interface Turn {
  readonly customer: Customer;
  readonly now: Date;
  readonly timeZone: string;
  readonly i: Interpretation;
  readonly out: string[];
  /** The slot this turn asked the calendar about, kept to resume it if the calendar needs reconnecting. */
  request?: PendingRequest;
}

const PART_OF_DAY_HOURS = { morning: ['09:00', '13:00'], afternoon: ['13:00', '19:00'], evening: ['19:00', '22:00'] } as const;
const DEFAULT_DURATION_MINUTES = 60;
/** Intents that act on nothing, so a doubt about the message's words does not need a question. */
const QUIET_INTENTS: ReadonlySet<Interpretation['intent']> = new Set(['greeting', 'thanks', 'help', 'list']);

/**
 * The embedded, deterministic Spanish booking assistant. It understands a message
 * (`understanding/`), moves the customer's dialog one step, calls the calendar tools, and answers.
 * Nothing is booked, moved or cancelled without the customer's explicit yes to a stated slot.
 */
export class BookingAssistant implements ReconnectResumer {
  readonly #o: BookingAssistantOptions;
  readonly #locks: ExclusiveLocks;

  constructor(options: BookingAssistantOptions) {
    this.#o = options;
    this.#locks = options.locks ?? new InProcessLocks();
  }

  /** The replies to one message from a customer, in order. Messages of one customer are handled one at a time. */
  reply(customerId: string, text: string): Promise<string[]> {
    return this.#locks.run(dialogLockKey(customerId), () => this.#reply(customerId, text));
  }

  async #reply(customerId: string, text: string): Promise<string[]> {
    const customer = await this.#o.customers.get(customerId);
    if (!customer) return ['No encuentro tu ficha de cliente. Contacta con el negocio para que te registren.'];
    const now = (this.#o.clock ?? (() => new Date()))();
    const timeZone = await this.#o.timeZones.of(customer);
    const nowIso = DateTime.fromJSDate(now, { zone: timeZone }).toISO() ?? now.toISOString();
    const turn: Turn = { customer, now, timeZone, i: interpret(text, nowIso, timeZone), out: [] };
    let state = await this.#o.dialogs.load(customerId, now);
    const reconnect = await this.#o.reconnection?.beforeTurn(customerId, now);
    // The customer has not seen the resumed question yet: it answers this message (which cannot be a reply to it).
    if (reconnect?.kind === 'deliver') return [reconnect.message];
    try {
      if (reconnect?.kind === 'resume') {
        state = await this.#resume(turn, reconnect.pending);
        await this.#o.reconnection?.store.markResumed(customerId, turn.out.join(' '), now);
        await this.#o.reconnection?.store.markDelivered(customerId);
      } else {
        state = await this.#step(turn, state);
      }
    } catch (err) {
      if (!(err instanceof CalendarToolError)) throw err;
      turn.out.push(this.#o.reconnection && isReconnectable(err) ? await this.#o.reconnection.offer(customer, err, turn.request ?? null, now) : replies.calendarProblem(err));
      state = IDLE;
    }
    await this.#o.dialogs.save(customerId, state, now);
    if (turn.i.greeting && turn.i.intent !== 'greeting' && turn.out.length > 0) turn.out[0] = `${replies.hello(customer.name)} ${turn.out[0]}`;
    return turn.out;
  }

  /**
   * The customer's calendar is connected again (the watcher noticed): re-checks the request that failed,
   * sets the dialog to its question and returns the message to send; `undefined` when no link is waiting
   * (resumed already, by another replica or the customer's own message).
   */
  resumeAfterReconnect(customerId: string): Promise<string | undefined> {
    return this.#locks.run(dialogLockKey(customerId), async () => {
      const reconnection = this.#o.reconnection;
      const link = await reconnection?.store.get(customerId);
      const customer = await this.#o.customers.get(customerId);
      if (!reconnection || !customer || link?.status !== 'waiting') return undefined;
      const now = (this.#o.clock ?? (() => new Date()))();
      const timeZone = await this.#o.timeZones.of(customer);
      const nowIso = DateTime.fromJSDate(now, { zone: timeZone }).toISO() ?? now.toISOString();
      const turn: Turn = { customer, now, timeZone, i: interpret('', nowIso, timeZone), out: [] };
      const state = await this.#resume(turn, parsePendingRequest(link.pending));
      const message = turn.out.join(' ');
      if (!(await reconnection.store.markResumed(customerId, message, now))) return undefined;
      await this.#o.dialogs.save(customerId, state, now);
      return message;
    });
  }

  /** Picks `pending` back up after a reconnection: its slot again if free, else the nearest free ones. */
  async #resume(t: Turn, pending: PendingRequest | null): Promise<DialogState> {
    if (!pending || Date.parse(pending.start) <= t.now.getTime()) return say(t, reconnectReplies.ask, IDLE);
    const when = describeStart(pending.start, t.timeZone, t.now);
    const { free } = await this.#o.calendar.checkAvailability(t.customer.customer_id, pending.start, pending.end);
    if (free) {
      const proposal: Proposal = { start: pending.start, end: pending.end, key: `proposal-${randomUUID()}`, askedDurationMinutes: pending.askedDurationMinutes };
      return say(t, reconnectReplies.reconnected(when), { kind: 'confirming_booking', proposal });
    }
    const duration = (Date.parse(pending.end) - Date.parse(pending.start)) / 60_000;
    const next = await this.#offerAlternatives(t, pending.start, duration, pending.askedDurationMinutes, when);
    t.out[0] = `${reconnectReplies.prefix} ${t.out[0] ?? ''}`.trim();
    return next;
  }

  /** Moves the dialog one step; returns the next state. */
  async #step(t: Turn, state: DialogState): Promise<DialogState> {
    const { i } = t;
    const doubt = i.doubts[0];
    if (doubt !== undefined && !QUIET_INTENTS.has(i.intent)) {
      // Unsure what was meant: ask rather than check, propose, move or cancel on a guess.
      return say(t, doubt.kind === 'spelling' ? replies.unsureSpelling(doubt.written, doubt.read) : replies.unsureCorrection, state);
    }
    switch (i.intent) {
      case 'greeting':
        t.out.push(replies.greetingOnly(t.customer.name));
        return state;
      case 'thanks':
        t.out.push(replies.thanks(t.customer.name));
        return state.kind === 'idle' ? state : IDLE;
      case 'help':
        t.out.push(replies.help);
        return state;
      case 'list':
        return this.#list(t);
      case 'cancel':
        return (await this.#cancelReminded(t)) ?? this.#startCancel(t);
      case 'reschedule':
        return this.#startReschedule(t);
      default:
        break;
    }
    const namesTime = i.time !== null || i.partOfDay !== null || i.dayNamed;
    switch (state.kind) {
      case 'confirming_booking':
        if (i.intent === 'confirm') return this.#book(t, state.proposal);
        if (namesTime) return this.#propose(t, this.#dateFor(t, state.proposal.start), state.proposal.askedDurationMinutes, state.unsure ? state : undefined);
        if (i.intent === 'deny') return say(t, state.unsure ? replies.declinedUnsure : replies.declined, IDLE);
        return say(t, state.unsure ? replies.bookingUnsure : replies.confirmAgain(describeStart(state.proposal.start, t.timeZone, t.now)), state);
      case 'choosing_slot': {
        const picked = this.#pick(t, state.options, (o) => o.start);
        if (picked) return this.#confirmSlot(t, picked, state.askedDurationMinutes);
        if (namesTime) return this.#propose(t, this.#dateFor(t, state.options[0]?.start), state.askedDurationMinutes);
        if (i.intent === 'deny') return say(t, replies.declined, IDLE);
        return say(t, replies.whichOption(state.options.length), state);
      }
      case 'choosing_booking': {
        const picked = this.#pick(t, state.options, (b) => b.start);
        if (picked) return state.purpose === 'cancel' ? this.#confirmCancel(t, picked) : this.#rescheduleTarget(t, picked, state.newStart);
        if (i.intent === 'deny') return say(t, replies.okNothingElse, IDLE);
        return say(
          t,
          replies.whichBooking(
            state.purpose,
            state.options.map((b) => describeBooking(b, t.timeZone, t.now)),
          ),
          state,
        );
      }
      case 'confirming_cancel':
        if (i.intent === 'confirm') {
          await this.#o.calendar.cancelBooking(t.customer.customer_id, state.booking.booking_id);
          await this.#o.reminders?.cancelled(t.customer.customer_id, state.booking.booking_id);
          return say(t, replies.cancelled(describeStart(state.booking.start, t.timeZone, t.now)), IDLE);
        }
        if (i.intent === 'deny') return say(t, replies.keptBooking, IDLE);
        return say(t, replies.confirmCancel(describeStart(state.booking.start, t.timeZone, t.now)), state);
      case 'awaiting_new_time':
        if (i.start) return this.#rescheduleTo(t, state.booking, i.start);
        if (i.intent === 'deny') return say(t, replies.keptBooking, IDLE);
        return say(t, replies.askNewTime(describeStart(state.booking.start, t.timeZone, t.now)), state);
      case 'confirming_reschedule':
        if (i.intent === 'confirm') {
          const moved = await this.#o.calendar.updateBooking(t.customer.customer_id, state.booking.booking_id, state.start, state.end);
          await this.#o.reminders?.moved(t.customer.customer_id, moved.booking_id, moved.start);
          return say(t, replies.rescheduled(describeStart(moved.start, t.timeZone, t.now)), IDLE);
        }
        if (i.intent === 'deny') return say(t, replies.keptBooking, IDLE);
        if (i.start) return this.#rescheduleTo(t, state.booking, i.start);
        return say(t, replies.confirmReschedule(describeStart(state.booking.start, t.timeZone, t.now), describeStart(state.start, t.timeZone, t.now)), state);
      case 'awaiting_details':
        if (namesTime) return this.#propose(t, state.date, state.askedDurationMinutes);
        if (i.intent === 'deny') return say(t, replies.okNothingElse, IDLE);
        return say(t, state.date ? replies.askTime(this.#day(t, state.date)) : replies.askDayAndTime, state);
      case 'idle':
        if (i.intent === 'book' || i.intent === 'check_availability' || (i.intent === 'unknown' && namesTime)) return this.#propose(t, null, null);
        if (i.intent === 'confirm') {
          const last = state.lastBooking;
          const recent = last && t.now.getTime() - Date.parse(last.at) < 30 * 60_000;
          return say(t, recent ? replies.alreadyBooked(describeStart(last.start, t.timeZone, t.now)) : replies.nothingToConfirm, state);
        }
        if (i.intent === 'deny') return say(t, replies.okNothingElse, state);
        return say(t, `${replies.notUnderstood} ${replies.help}`, state);
    }
  }

  /** The day a follow-up like "mejor a las 5" refers to: the one it names, else the day under discussion. */
  #dateFor(t: Turn, discussedStart: string | undefined): string | null {
    if (t.i.dayNamed) return t.i.date;
    return discussedStart ? localDate(discussedStart, t.timeZone) : null;
  }

  /**
   * Checks the asked time and proposes it, or asks what is missing, or offers the nearest free slots.
   * `contextDate` is the day already under discussion, used when the message names only a time.
   * `unsettled`: a booking whose yes got no answer from the calendar; asking for its time again resumes
   * it (same idempotency key) instead of proposing — and possibly booking — the time a second time.
   */
  async #propose(t: Turn, contextDate: string | null, contextDuration: number | null, unsettled?: DialogState & { kind: 'confirming_booking' }): Promise<DialogState> {
    const { i } = t;
    const askedDuration = i.durationMinutes ?? contextDuration;
    const duration = askedDuration ?? t.customer.preferred_duration_minutes ?? DEFAULT_DURATION_MINUTES;
    const date = i.dayNamed ? i.date : (contextDate ?? i.date);
    if (!i.time) {
      if (date && i.partOfDay) return this.#offerPartOfDay(t, date, i.partOfDay, askedDuration, duration);
      if (date) return say(t, replies.askTime(this.#day(t, date)), { kind: 'awaiting_details', date, askedDurationMinutes: askedDuration });
      return say(t, replies.askDayAndTime, { kind: 'awaiting_details', date: null, askedDurationMinutes: askedDuration });
    }
    const start = date ? localToIso(date, i.time, t.timeZone) : (i.start ?? '');
    if (Date.parse(start) <= t.now.getTime()) return say(t, replies.inThePast, { kind: 'awaiting_details', date: null, askedDurationMinutes: askedDuration });
    if (unsettled && Date.parse(unsettled.proposal.start) === Date.parse(start)) {
      return say(t, replies.bookingPending(describeStart(unsettled.proposal.start, t.timeZone, t.now)), unsettled);
    }
    const end = plusMinutes(start, duration, t.timeZone);
    const when = describeStart(start, t.timeZone, t.now);
    if (i.intent !== 'check_availability') t.out.push(replies.checking(when));
    t.request = { start, end, askedDurationMinutes: askedDuration };
    const { free } = await this.#o.calendar.checkAvailability(t.customer.customer_id, start, end);
    if (free) {
      const proposal: Proposal = { start, end, key: `proposal-${randomUUID()}`, askedDurationMinutes: askedDuration };
      return say(t, i.intent === 'check_availability' ? replies.availableQuestion(when) : replies.available(when), { kind: 'confirming_booking', proposal });
    }
    return this.#offerAlternatives(t, start, duration, askedDuration, when);
  }

  async #offerAlternatives(t: Turn, near: string, duration: number, askedDuration: number | null, when: string): Promise<DialogState> {
    const from = DateTime.max(DateTime.fromJSDate(t.now, { zone: t.timeZone }), DateTime.fromISO(near, { zone: t.timeZone }).startOf('day'));
    const options = await this.#o.calendar.findSlots(t.customer.customer_id, {
      rangeStart: from.toISO() ?? near,
      rangeEnd: from.plus({ days: 7 }).toISO() ?? near,
      durationMinutes: duration,
      near,
      limit: 3,
    });
    if (options.length === 0) return say(t, replies.busyNoOptions(when), IDLE);
    return say(
      t,
      replies.busyWithOptions(
        when,
        options.map((o) => describeSlot(o, t.timeZone, t.now)),
      ),
      { kind: 'choosing_slot', options, askedDurationMinutes: askedDuration },
    );
  }

  async #offerPartOfDay(t: Turn, date: string, part: 'morning' | 'afternoon' | 'evening', askedDuration: number | null, duration: number): Promise<DialogState> {
    const [from, to] = PART_OF_DAY_HOURS[part];
    const start = DateTime.max(DateTime.fromISO(localToIso(date, from, t.timeZone), { zone: t.timeZone }), DateTime.fromJSDate(t.now, { zone: t.timeZone }));
    const end = DateTime.fromISO(localToIso(date, to, t.timeZone), { zone: t.timeZone });
    const options =
      start < end
        ? await this.#o.calendar.findSlots(t.customer.customer_id, { rangeStart: start.toISO() ?? '', rangeEnd: end.toISO() ?? '', durationMinutes: duration, limit: 3 })
        : [];
    if (options.length === 0) return say(t, replies.noSlotsThatDay(this.#day(t, date)), { kind: 'awaiting_details', date: null, askedDurationMinutes: askedDuration });
    return say(t, replies.optionsForDay(options.map((o) => describeSlot(o, t.timeZone, t.now))), { kind: 'choosing_slot', options, askedDurationMinutes: askedDuration });
  }

  #confirmSlot(t: Turn, slot: IntervalOut, askedDuration: number | null): DialogState {
    const proposal: Proposal = { start: slot.start, end: slot.end, key: `proposal-${randomUUID()}`, askedDurationMinutes: askedDuration };
    return say(t, replies.confirmAgain(describeStart(slot.start, t.timeZone, t.now)).replace(' Responde «sí» o «no».', ''), { kind: 'confirming_booking', proposal });
  }

  /** The customer said yes to `proposal`: book it under the proposal's idempotency key. */
  async #book(t: Turn, proposal: Proposal): Promise<DialogState> {
    t.request = { start: proposal.start, end: proposal.end, askedDurationMinutes: proposal.askedDurationMinutes };
    try {
      const { booking } = await this.#o.calendar.createBooking(t.customer.customer_id, {
        start: proposal.start,
        end: proposal.end,
        title: `Reserva con ${this.#o.businessName}`,
        idempotencyKey: proposal.key,
      });
      await this.#o.customers.rememberBooking(t.customer.customer_id, booking, proposal.askedDurationMinutes);
      await this.#o.reminders?.booked(t.customer.customer_id, booking);
      return say(t, replies.booked, { kind: 'idle', lastBooking: { booking_id: booking.booking_id, start: booking.start, at: t.now.toISOString() } });
    } catch (err) {
      // The event may exist: keep the proposal and its key, so the retry finds it instead of adding one.
      if (isUnknownOutcome(err)) return say(t, replies.bookingUnsure, { kind: 'confirming_booking', proposal, unsure: true });
      if (!(err instanceof CalendarToolError) || err.code !== 'slot_unavailable') throw err;
      const duration = (Date.parse(proposal.end) - Date.parse(proposal.start)) / 60_000;
      return this.#offerAlternatives(t, proposal.start, duration, proposal.askedDurationMinutes, describeStart(proposal.start, t.timeZone, t.now));
    }
  }

  async #upcoming(t: Turn, days: number): Promise<BookingOut[]> {
    const now = DateTime.fromJSDate(t.now, { zone: t.timeZone });
    const from = t.i.dayNamed && t.i.date ? DateTime.fromISO(t.i.date, { zone: t.timeZone }) : now;
    const to = t.i.dayNamed && t.i.date ? from.plus({ days: 1 }) : now.plus({ days });
    const bookings = await this.#o.calendar.listBookings(t.customer.customer_id, from.toISO() ?? '', to.toISO() ?? '');
    return bookings.filter((b) => b.status === 'confirmed' && Date.parse(b.end) > t.now.getTime());
  }

  async #list(t: Turn): Promise<DialogState> {
    const bookings = await this.#upcoming(t, 30);
    if (bookings.length === 0) return say(t, t.i.dayNamed && t.i.date ? replies.noBookingsOn(this.#day(t, t.i.date)) : replies.noBookings, IDLE);
    return say(t, replies.bookingList(bookings.map((b) => describeBooking(b, t.timeZone, t.now))), IDLE);
  }

  async #startCancel(t: Turn): Promise<DialogState> {
    let bookings = await this.#upcoming(t, 90);
    if (t.i.time) bookings = bookings.filter((b) => localTime(b.start, t.timeZone) === t.i.time);
    if (bookings.length === 0) return say(t, t.i.dayNamed && t.i.date ? replies.noBookingsOn(this.#day(t, t.i.date)) : replies.noBookings, IDLE);
    const [only] = bookings;
    if (bookings.length === 1 && only) return this.#confirmCancel(t, only);
    return say(
      t,
      replies.whichBooking(
        'cancel',
        bookings.map((b) => describeBooking(b, t.timeZone, t.now)),
      ),
      { kind: 'choosing_booking', purpose: 'cancel', options: bookings, newStart: null },
    );
  }

  /**
   * A bare «cancelar» in answer to a reminder sent lately: the reminded booking, as the calendar has it now,
   * to be confirmed. Undefined when the message names a day or time, or no such reminder applies.
   */
  async #cancelReminded(t: Turn): Promise<DialogState | undefined> {
    if (!this.#o.reminders || t.i.dayNamed || t.i.time) return undefined;
    const recent = await this.#o.reminders.recentlySent(t.customer.customer_id, t.now);
    if (!recent) return undefined;
    const around = DateTime.fromISO(recent.bookingStart, { zone: t.timeZone });
    const from = DateTime.max(DateTime.fromJSDate(t.now, { zone: t.timeZone }), around.minus({ days: 30 }));
    const bookings = await this.#o.calendar.listBookings(t.customer.customer_id, from.toISO() ?? '', around.plus({ days: 30 }).toISO() ?? '');
    const booking = bookings.find((b) => b.booking_id === recent.bookingId && b.status === 'confirmed' && Date.parse(b.start) > t.now.getTime());
    if (!booking) return undefined;
    return say(t, replies.confirmRemindedCancel(describeStart(booking.start, t.timeZone, t.now)), { kind: 'confirming_cancel', booking });
  }

  #confirmCancel(t: Turn, booking: BookingOut): DialogState {
    return say(t, replies.confirmCancel(describeStart(booking.start, t.timeZone, t.now)), { kind: 'confirming_cancel', booking });
  }

  async #startReschedule(t: Turn): Promise<DialogState> {
    const now = DateTime.fromJSDate(t.now, { zone: t.timeZone });
    const all = await this.#o.calendar.listBookings(t.customer.customer_id, now.toISO() ?? '', now.plus({ days: 90 }).toISO() ?? '');
    const bookings = all.filter((b) => b.status === 'confirmed' && Date.parse(b.end) > t.now.getTime());
    const newStart = t.i.time ? t.i.start : null;
    if (bookings.length === 0) return say(t, replies.noBookings, IDLE);
    const [only] = bookings;
    if (bookings.length === 1 && only) return this.#rescheduleTarget(t, only, newStart);
    return say(
      t,
      replies.whichBooking(
        'reschedule',
        bookings.map((b) => describeBooking(b, t.timeZone, t.now)),
      ),
      { kind: 'choosing_booking', purpose: 'reschedule', options: bookings, newStart },
    );
  }

  #rescheduleTarget(t: Turn, booking: BookingOut, newStart: string | null): Promise<DialogState> | DialogState {
    if (newStart) return this.#rescheduleTo(t, booking, newStart);
    return say(t, replies.askNewTime(describeStart(booking.start, t.timeZone, t.now)), { kind: 'awaiting_new_time', booking });
  }

  /** Checks the new time (the booking's own current time does not count as busy) and asks to confirm the move. */
  async #rescheduleTo(t: Turn, booking: BookingOut, newStart: string): Promise<DialogState> {
    const to = describeStart(newStart, t.timeZone, t.now);
    if (Date.parse(newStart) <= t.now.getTime()) return say(t, replies.inThePast, { kind: 'awaiting_new_time', booking });
    const minutes = (Date.parse(booking.end) - Date.parse(booking.start)) / 60_000;
    const start = DateTime.fromISO(newStart, { zone: t.timeZone }).toISO({ suppressMilliseconds: true }) ?? newStart;
    const end = plusMinutes(start, minutes, t.timeZone);
    const { conflicts } = await this.#o.calendar.checkAvailability(t.customer.customer_id, start, end);
    const ownStart = Date.parse(booking.start);
    const ownEnd = Date.parse(booking.end);
    const others = conflicts.filter((c) => Date.parse(c.start) < ownStart || Date.parse(c.end) > ownEnd);
    if (others.length > 0) return say(t, replies.rescheduleBusy(to), { kind: 'awaiting_new_time', booking });
    return say(t, replies.confirmReschedule(describeStart(booking.start, t.timeZone, t.now), to), { kind: 'confirming_reschedule', booking, start, end });
  }

  /** The option the customer picked: by ordinal ("la segunda"), by time ("a las 5"), or the only one on a yes. */
  #pick<T>(t: Turn, options: T[], startOf: (o: T) => string): T | undefined {
    const { i } = t;
    if (i.ordinal !== null) return i.ordinal === -1 ? options.at(-1) : options[i.ordinal - 1];
    if (i.time) {
      const matches = options.filter((o) => localTime(startOf(o), t.timeZone) === i.time && (!i.dayNamed || localDate(startOf(o), t.timeZone) === i.date));
      if (matches.length === 1) return matches[0];
    }
    if (i.intent === 'confirm' && options.length === 1) return options[0];
    return undefined;
  }

  #day(t: Turn, date: string): string {
    return dayLabel(DateTime.fromISO(date, { zone: t.timeZone }), DateTime.fromJSDate(t.now, { zone: t.timeZone }));
  }
}

function say(t: Turn, text: string, next: DialogState): DialogState {
  t.out.push(text);
  return next;
}

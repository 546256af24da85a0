import type { CalendarRecord } from '../state/state-document.js';
import type { CalendarEvent, EventFields } from './calendar-event.js';
import { applyEventChanges, parseEventChanges } from './event-changes.js';
import { isValidEventId, newEventId } from './event-id.js';
import { checkTimeRange } from './event-time.js';
import { GoogleApiError } from './google-api-error.js';
import { DEFAULT_TIME_ZONE } from './time-zone.js';

/** One Google account's primary calendar. */
export interface PrimaryCalendar {
  /** Lower-cased account email, which is also the calendar id. */
  readonly email: string;
  /** IANA time zone. */
  timeZone: string;
  /** Events by id, in insertion order; cancelled ones stay. */
  readonly events: Map<string, CalendarEvent>;
  /** Last change (of the calendar or any event), µs since the epoch. */
  revision: number;
}

/** How to create a {@link CalendarStore}. */
export interface CalendarStoreOptions {
  /** Calendars to start with, from a state file. */
  restore?: readonly CalendarRecord[];
  /** Called after every change (a calendar created, a time zone set, an event written, a clear). */
  onChange?: () => void;
  /** Called after an event of the calendar is inserted, patched or cancelled (push notifications). */
  onEventsChange?: (email: string) => void;
}

/**
 * The primary calendar of every account (email, case-insensitive), created on first use. Writes
 * validate Google Event bodies and throw {@link GoogleApiError}s as Google answers them.
 */
export class CalendarStore {
  readonly #calendars = new Map<string, PrimaryCalendar>();
  readonly #onChange: () => void;
  readonly #onEventsChange: (email: string) => void;
  #lastRevision = 0;

  constructor(options: CalendarStoreOptions = {}) {
    this.#onChange = options.onChange ?? (() => {});
    this.#onEventsChange = options.onEventsChange ?? (() => {});
    for (const record of options.restore ?? []) {
      const events = new Map(record.events.map((event) => [event.id, event]));
      this.#calendars.set(record.email, { email: record.email, timeZone: record.timeZone, events, revision: record.revision });
      // Revisions stay strictly increasing across a restart even if the clock went back.
      this.#lastRevision = Math.max(this.#lastRevision, record.revision);
      for (const event of record.events) this.#lastRevision = Math.max(this.#lastRevision, event.revision);
    }
  }

  /** The account's calendar, created with {@link DEFAULT_TIME_ZONE} if absent. */
  calendarOf(email: string): PrimaryCalendar {
    const key = email.toLowerCase();
    let calendar = this.#calendars.get(key);
    if (calendar === undefined) {
      calendar = { email: key, timeZone: DEFAULT_TIME_ZONE, events: new Map(), revision: this.#nextRevision() };
      this.#calendars.set(key, calendar);
      this.#onChange();
    }
    return calendar;
  }

  /** Sets the calendar's time zone (an already validated IANA zone). */
  setTimeZone(email: string, timeZone: string): PrimaryCalendar {
    const calendar = this.calendarOf(email);
    calendar.timeZone = timeZone;
    calendar.revision = this.#nextRevision();
    this.#onChange();
    return calendar;
  }

  /** The event, cancelled or not, or undefined. */
  event(email: string, id: string): CalendarEvent | undefined {
    return this.calendarOf(email).events.get(id);
  }

  /** `events.insert`: validates a Google Event body (client-chosen `id` allowed) and stores it. */
  insertEvent(email: string, body: unknown): CalendarEvent {
    const calendar = this.calendarOf(email);
    const requestedId = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).id : undefined;
    if (requestedId !== undefined && requestedId !== null && (typeof requestedId !== 'string' || !isValidEventId(requestedId))) {
      throw GoogleApiError.invalid('Invalid resource id value.');
    }
    const changes = parseEventChanges(body);
    if (changes.start === undefined) throw GoogleApiError.required('Missing start time.');
    if (changes.end === undefined) throw GoogleApiError.required('Missing end time.');
    const blank: EventFields = {
      status: 'confirmed',
      start: changes.start,
      end: changes.end,
      transparency: 'opaque',
      privateProperties: {},
      sharedProperties: {},
      reminders: { useDefault: true },
    };
    const fields = applyEventChanges(blank, changes);
    checkTimeRange(fields.start, fields.end);

    const id = typeof requestedId === 'string' ? requestedId : this.#unusedId(calendar);
    if (calendar.events.has(id)) throw GoogleApiError.duplicate();
    const revision = this.#nextRevision();
    const event: CalendarEvent = { ...fields, id, created: Math.floor(revision / 1000), revision, sequence: 0 };
    calendar.events.set(id, event);
    calendar.revision = revision;
    this.#onChange();
    this.#onEventsChange(calendar.email);
    return event;
  }

  /** `events.patch`: applies a partial Event body (cancelled events included), bumping `sequence`. */
  patchEvent(email: string, id: string, body: unknown): CalendarEvent {
    const calendar = this.calendarOf(email);
    const current = calendar.events.get(id);
    if (current === undefined) throw GoogleApiError.notFound();
    const fields = applyEventChanges(current, parseEventChanges(body));
    checkTimeRange(fields.start, fields.end);
    const revision = this.#nextRevision();
    const event: CalendarEvent = { ...fields, id, created: current.created, revision, sequence: current.sequence + 1 };
    calendar.events.set(id, event);
    calendar.revision = revision;
    this.#onChange();
    this.#onEventsChange(calendar.email);
    return event;
  }

  /** `events.delete`: marks the event cancelled; 404 if unknown, 410 if already cancelled. */
  cancelEvent(email: string, id: string): CalendarEvent {
    const calendar = this.calendarOf(email);
    const current = calendar.events.get(id);
    if (current === undefined) throw GoogleApiError.notFound();
    if (current.status === 'cancelled') throw GoogleApiError.deleted();
    const revision = this.#nextRevision();
    const event: CalendarEvent = { ...current, status: 'cancelled', revision };
    calendar.events.set(id, event);
    calendar.revision = revision;
    this.#onChange();
    this.#onEventsChange(calendar.email);
    return event;
  }

  /** Every calendar, for debugging summaries. */
  calendars(): PrimaryCalendar[] {
    return [...this.#calendars.values()];
  }

  /** Forgets every calendar. */
  clear(): void {
    this.#calendars.clear();
    this.#onChange();
  }

  /** Every calendar with its events, for the state file (serialize at once: events are shared, not copied). */
  snapshot(): CalendarRecord[] {
    return this.calendars().map((calendar) => ({
      email: calendar.email,
      timeZone: calendar.timeZone,
      revision: calendar.revision,
      events: [...calendar.events.values()],
    }));
  }

  /** A fresh change stamp in µs: wall-clock based, strictly increasing. */
  #nextRevision(): number {
    this.#lastRevision = Math.max(Date.now() * 1000, this.#lastRevision + 1);
    return this.#lastRevision;
  }

  #unusedId(calendar: PrimaryCalendar): string {
    let id = newEventId();
    while (calendar.events.has(id)) id = newEventId();
    return id;
  }
}

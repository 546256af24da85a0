import { type EventDateTimeResource, type EventTime, instantOf, renderEventTime } from './event-time.js';

/** `status` of an event; `cancelled` is what deleting leaves behind. */
export type EventStatus = 'confirmed' | 'tentative' | 'cancelled';

/** Whether an event blocks time (`opaque`, the default) or not (`transparent`). */
export type Transparency = 'opaque' | 'transparent';

/** An event's reminder settings, as Google's `reminders`. */
export interface Reminders {
  useDefault: boolean;
  overrides?: { method: string; minutes: number }[];
}

/** The fields of an event that clients write. */
export interface EventFields {
  status: EventStatus;
  summary?: string | undefined;
  description?: string | undefined;
  location?: string | undefined;
  colorId?: string | undefined;
  start: EventTime;
  end: EventTime;
  transparency: Transparency;
  privateProperties: Record<string, string>;
  sharedProperties: Record<string, string>;
  reminders: Reminders;
}

/** An event as the emulator keeps it: the written fields plus what Google maintains. */
export interface CalendarEvent extends EventFields {
  id: string;
  /** Creation time, ms since the epoch. */
  created: number;
  /** Last change, µs since the epoch; unique per change, it is also the etag. */
  revision: number;
  sequence: number;
}

/** An event on the wire: Google's `Event` resource (the subset the emulator keeps). */
export interface EventResource {
  kind: 'calendar#event';
  etag: string;
  id: string;
  status: EventStatus;
  htmlLink: string;
  created: string;
  updated: string;
  summary?: string;
  description?: string;
  location?: string;
  colorId?: string;
  creator: { email: string; self: true };
  organizer: { email: string; self: true };
  start: EventDateTimeResource;
  end: EventDateTimeResource;
  transparency?: 'transparent';
  iCalUID: string;
  sequence: number;
  extendedProperties?: { private?: Record<string, string>; shared?: Record<string, string> };
  reminders: Reminders;
  eventType: 'default';
}

/** A change counter value (µs) as an ISO timestamp with milliseconds, like Google's `updated`. */
export function revisionTime(revision: number): string {
  return new Date(Math.floor(revision / 1000)).toISOString();
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

/** The event as Google returns it from the calendar of `email`, date-times written in `zone`. */
export function renderEvent(event: CalendarEvent, email: string, zone: string): EventResource {
  const hasPrivate = Object.keys(event.privateProperties).length > 0;
  const hasShared = Object.keys(event.sharedProperties).length > 0;
  const eid = Buffer.from(`${event.id} ${email}`).toString('base64url');
  return {
    kind: 'calendar#event',
    etag: `"${event.revision}"`,
    id: event.id,
    status: event.status,
    htmlLink: `https://www.google.com/calendar/event?eid=${eid}`,
    created: new Date(event.created).toISOString(),
    updated: revisionTime(event.revision),
    ...optional('summary', event.summary),
    ...optional('description', event.description),
    ...optional('location', event.location),
    ...optional('colorId', event.colorId),
    creator: { email, self: true },
    organizer: { email, self: true },
    start: renderEventTime(event.start, zone),
    end: renderEventTime(event.end, zone),
    ...(event.transparency === 'transparent' ? { transparency: 'transparent' as const } : {}),
    iCalUID: `${event.id}@google.com`,
    sequence: event.sequence,
    ...(hasPrivate || hasShared
      ? {
          extendedProperties: {
            ...(hasPrivate ? { private: { ...event.privateProperties } } : {}),
            ...(hasShared ? { shared: { ...event.sharedProperties } } : {}),
          },
        }
      : {}),
    reminders: structuredClone(event.reminders),
    eventType: 'default',
  };
}

/** The instants an event spans, `[start, end)` in ms; all-day events in `calendarZone`. */
export function eventInterval(event: EventFields, calendarZone: string): { start: number; end: number } {
  return { start: instantOf(event.start, calendarZone), end: instantOf(event.end, calendarZone) };
}

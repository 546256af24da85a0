import type { EventFields, EventStatus, Reminders, Transparency } from './calendar-event.js';
import { type EventTime, parseEventTime } from './event-time.js';
import { GoogleApiError } from './google-api-error.js';

const TEXT_FIELDS = ['summary', 'description', 'location', 'colorId'] as const;
type TextField = (typeof TEXT_FIELDS)[number];
const STATUSES: readonly string[] = ['confirmed', 'tentative', 'cancelled'] satisfies EventStatus[];
const TRANSPARENCIES: readonly string[] = ['opaque', 'transparent'] satisfies Transparency[];
const MAX_REMINDER_MINUTES = 40_320;

/** Property changes: a value sets the key, `null` removes it. */
type PropertyChanges = Record<string, string | null>;

/**
 * What an Event body (insert or patch) asks to change. Absent fields stay as they are; `null`
 * clears (text, transparency back to opaque, reminders back to the default, properties).
 */
export interface EventChanges {
  text: Partial<Record<TextField, string | null>>;
  status?: EventStatus;
  transparency?: Transparency | null;
  start?: EventTime;
  end?: EventTime;
  /** `null` clears all private (or shared) properties; otherwise merged key by key. */
  privateProperties?: PropertyChanges | null;
  sharedProperties?: PropertyChanges | null;
  reminders?: Reminders | null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseProperties(value: unknown, kind: 'private' | 'shared'): PropertyChanges | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (!isObject(value)) throw GoogleApiError.invalid(`Invalid ${kind} extended properties.`);
  const changes: PropertyChanges = {};
  for (const [key, property] of Object.entries(value)) {
    if (key === '' || (typeof property !== 'string' && property !== null)) {
      throw GoogleApiError.invalid(`Invalid value for ${kind} extended property: ${key}`);
    }
    changes[key] = property;
  }
  return changes;
}

function parseReminders(value: unknown): Reminders | null | undefined {
  if (value === undefined || value === null) return value;
  if (!isObject(value) || (value.useDefault !== undefined && typeof value.useDefault !== 'boolean')) {
    throw GoogleApiError.invalid('Invalid reminders.');
  }
  const useDefault = value.useDefault === true;
  if (value.overrides === undefined || value.overrides === null) return { useDefault };
  if (!Array.isArray(value.overrides)) throw GoogleApiError.invalid('Invalid reminders.');
  if (useDefault && value.overrides.length > 0) {
    throw GoogleApiError.badRequest('Cannot specify both default reminders and overrides at the same time.');
  }
  const overrides = value.overrides.map((override: unknown) => {
    const { method, minutes } = isObject(override) ? override : {};
    if ((method !== 'email' && method !== 'popup') || !Number.isInteger(minutes) || (minutes as number) < 0 || (minutes as number) > MAX_REMINDER_MINUTES) {
      throw GoogleApiError.invalid('Invalid reminder override.');
    }
    return { method, minutes: minutes as number };
  });
  return { useDefault, overrides };
}

/**
 * Validates the writable fields of a Google Event body. Read-only and unknown fields (`kind`,
 * `etag`, `created`, `attendees`...) are ignored, as Google ignores what it does not let clients set.
 */
export function parseEventChanges(body: unknown): EventChanges {
  if (body === undefined || body === null) return { text: {} };
  if (!isObject(body)) throw GoogleApiError.badRequest('The request body must be an Event resource (a JSON object).');
  const changes: EventChanges = { text: {} };

  for (const field of TEXT_FIELDS) {
    const value = body[field];
    if (value === undefined) continue;
    if (value !== null && typeof value !== 'string') throw GoogleApiError.invalid(`Invalid value for: ${field}`);
    changes.text[field] = value;
  }
  if (body.status !== undefined && body.status !== null) {
    if (typeof body.status !== 'string' || !STATUSES.includes(body.status)) throw GoogleApiError.invalid('Invalid status value.');
    changes.status = body.status as EventStatus;
  }
  if (body.transparency !== undefined) {
    if (body.transparency !== null && (typeof body.transparency !== 'string' || !TRANSPARENCIES.includes(body.transparency))) {
      throw GoogleApiError.invalid('Invalid transparency value.');
    }
    changes.transparency = body.transparency as Transparency | null;
  }
  if (body.start !== undefined) changes.start = parseEventTime(body.start, 'start');
  if (body.end !== undefined) changes.end = parseEventTime(body.end, 'end');

  const extended = body.extendedProperties;
  if (extended === null) {
    changes.privateProperties = null;
    changes.sharedProperties = null;
  } else if (extended !== undefined) {
    if (!isObject(extended)) throw GoogleApiError.invalid('Invalid extended properties.');
    const privateProperties = parseProperties(extended.private, 'private');
    const sharedProperties = parseProperties(extended.shared, 'shared');
    if (privateProperties !== undefined) changes.privateProperties = privateProperties;
    if (sharedProperties !== undefined) changes.sharedProperties = sharedProperties;
  }
  const reminders = parseReminders(body.reminders);
  if (reminders !== undefined) changes.reminders = reminders;
  return changes;
}

function mergeProperties(current: Record<string, string>, changes: PropertyChanges | null | undefined): Record<string, string> {
  if (changes === undefined) return { ...current };
  const merged: Record<string, string> = {};
  if (changes === null) return merged;
  Object.assign(merged, current);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}

/** `fields` with `changes` applied: top-level fields replaced, extended properties merged key by key. */
export function applyEventChanges(fields: EventFields, changes: EventChanges): EventFields {
  const next: EventFields = {
    ...fields,
    privateProperties: mergeProperties(fields.privateProperties, changes.privateProperties),
    sharedProperties: mergeProperties(fields.sharedProperties, changes.sharedProperties),
  };
  for (const [field, value] of Object.entries(changes.text) as [TextField, string | null][]) {
    next[field] = value ?? undefined;
  }
  if (changes.status !== undefined) next.status = changes.status;
  if (changes.transparency !== undefined) next.transparency = changes.transparency ?? 'opaque';
  if (changes.start !== undefined) next.start = changes.start;
  if (changes.end !== undefined) next.end = changes.end;
  if (changes.reminders !== undefined) next.reminders = changes.reminders ?? { useDefault: true };
  return next;
}

import type { JsonWebKey } from 'node:crypto';
import type { CalendarEvent, EventStatus, Reminders, Transparency } from '../calendar/calendar-event.js';
import type { EventTime } from '../calendar/event-time.js';
import type { PushChannel } from '../calendar/push-channel.js';
import { isDate } from '../calendar/rfc3339.js';
import { canonicalTimeZone } from '../calendar/time-zone.js';
import { SigningKey } from '../oauth/signing-key.js';
import type { Grant, PendingAuthRequest } from './state.js';
import { StateFileError } from './state-file-error.js';

/** The format version this emulator writes and reads. A file of any other version is refused, never rewritten. */
export const STATE_DOCUMENT_VERSION = 1;

/** An unused, unexpired authorization code, with its grant by id. */
export interface AuthorizationCodeRecord {
  code: string;
  grantId: string;
  redirectUri: string;
  codeChallenge: string;
  nonce?: string | undefined;
  /** ms since the epoch. */
  expiresAt: number;
}

/** A live access token, with its grant by id. */
export interface AccessTokenRecord {
  token: string;
  grantId: string;
  /** ms since the epoch. */
  expiresAt: number;
}

/** One primary calendar with every event, cancelled ones included. */
export interface CalendarRecord {
  email: string;
  timeZone: string;
  /** µs since the epoch, as in {@link CalendarEvent.revision}. */
  revision: number;
  events: CalendarEvent[];
}

/**
 * What the emulator keeps across restarts (`stateFile`), as JSON: the id_token signing key (a
 * private RSA JWK, so earlier id_tokens still verify), consent requests awaiting the user, grants
 * (revoked ones too, with their scopes and refresh token), unused codes, live access tokens, and the
 * calendars with their events, and the live push notification channels (`channels`, optional:
 * files written before channels existed have none). Request counts, queued faults and delivery
 * counts are deliberately left out.
 */
export interface StateDocument {
  version: typeof STATE_DOCUMENT_VERSION;
  /** When it was written, ISO 8601; informative only. */
  savedAt: string;
  signingKey: JsonWebKey;
  pendingRequests: PendingAuthRequest[];
  grants: Grant[];
  authorizationCodes: AuthorizationCodeRecord[];
  accessTokens: AccessTokenRecord[];
  calendars: CalendarRecord[];
  channels?: PushChannel[];
}

/** The document as the file's bytes. */
export function serializeStateDocument(document: StateDocument): string {
  return `${JSON.stringify(document)}\n`;
}

/**
 * Reads the text of the state file at `file` (named in errors). Throws a {@link StateFileError}
 * (`STATE_FILE_CORRUPT` or `STATE_FILE_UNSUPPORTED_VERSION`) unless it is a complete, well-formed
 * document of {@link STATE_DOCUMENT_VERSION}.
 */
export function parseStateDocument(text: string, file: string): StateDocument {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const problem = text.trim() === '' ? 'the file is empty' : `not JSON: ${(error as Error).message}`;
    throw StateFileError.corrupt(file, problem, error);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw StateFileError.corrupt(file, 'not a JSON object');
  const fields = json as Record<string, unknown>;
  const { version } = fields;
  if (version !== STATE_DOCUMENT_VERSION) {
    if (version === undefined) throw StateFileError.corrupt(file, 'it has no "version"');
    throw StateFileError.unsupportedVersion(file, version, STATE_DOCUMENT_VERSION);
  }
  try {
    return readDocument(fields);
  } catch (error) {
    if (error instanceof ShapeProblem) throw StateFileError.corrupt(file, error.message);
    throw error;
  }
}

/** A field of the wrong shape; its message names the field's path. */
class ShapeProblem extends Error {}

function problem(path: string, expected: string): never {
  throw new ShapeProblem(`${path} should be ${expected}`);
}

function object(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) problem(path, 'an object');
  return value as Record<string, unknown>;
}

function array<T>(value: unknown, path: string, item: (value: unknown, path: string) => T): T[] {
  if (!Array.isArray(value)) problem(path, 'an array');
  return value.map((element, index) => item(element, `${path}[${index}]`));
}

function string(value: unknown, path: string): string {
  if (typeof value !== 'string') problem(path, 'a string');
  return value;
}

function optionalString(value: unknown, path: string): string | undefined {
  return value === undefined ? undefined : string(value, path);
}

function number(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) problem(path, 'a number');
  return value;
}

function boolean(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') problem(path, 'true or false');
  return value;
}

function oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) problem(path, `one of ${allowed.join(', ')}`);
  return value as T;
}

function strings(value: unknown, path: string): string[] {
  return array(value, path, string);
}

function stringRecord(value: unknown, path: string): Record<string, string> {
  const record = object(value, path);
  const copy: Record<string, string> = {};
  for (const [key, entry] of Object.entries(record)) copy[key] = string(entry, `${path}.${key}`);
  return copy;
}

function timeZone(value: unknown, path: string): string {
  const zone = canonicalTimeZone(string(value, path));
  if (zone === undefined) problem(path, 'an IANA time zone');
  return zone;
}

function signingKey(value: unknown, path: string): JsonWebKey {
  const jwk = object(value, path);
  for (const field of ['kty', 'n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi']) string(jwk[field], `${path}.${field}`);
  try {
    SigningKey.fromPrivateJwk(jwk);
  } catch (error) {
    problem(path, `a private RSA JWK (${(error as Error).message})`);
  }
  return jwk;
}

function pendingRequest(value: unknown, path: string): PendingAuthRequest {
  const request = object(value, path);
  return {
    id: string(request.id, `${path}.id`),
    clientId: string(request.clientId, `${path}.clientId`),
    redirectUri: string(request.redirectUri, `${path}.redirectUri`),
    state: string(request.state, `${path}.state`),
    scopes: strings(request.scopes, `${path}.scopes`),
    codeChallenge: string(request.codeChallenge, `${path}.codeChallenge`),
    offline: boolean(request.offline, `${path}.offline`),
    loginHint: optionalString(request.loginHint, `${path}.loginHint`),
    nonce: optionalString(request.nonce, `${path}.nonce`),
  };
}

function grant(value: unknown, path: string): Grant {
  const record = object(value, path);
  const refreshToken = optionalString(record.refreshToken, `${path}.refreshToken`);
  return {
    id: string(record.id, `${path}.id`),
    email: string(record.email, `${path}.email`).toLowerCase(),
    clientId: string(record.clientId, `${path}.clientId`),
    scopes: strings(record.scopes, `${path}.scopes`),
    offline: boolean(record.offline, `${path}.offline`),
    ...(refreshToken === undefined ? {} : { refreshToken }),
    revoked: boolean(record.revoked, `${path}.revoked`),
    createdAt: number(record.createdAt, `${path}.createdAt`),
  };
}

function authorizationCode(value: unknown, path: string): AuthorizationCodeRecord {
  const record = object(value, path);
  return {
    code: string(record.code, `${path}.code`),
    grantId: string(record.grantId, `${path}.grantId`),
    redirectUri: string(record.redirectUri, `${path}.redirectUri`),
    codeChallenge: string(record.codeChallenge, `${path}.codeChallenge`),
    nonce: optionalString(record.nonce, `${path}.nonce`),
    expiresAt: number(record.expiresAt, `${path}.expiresAt`),
  };
}

function accessToken(value: unknown, path: string): AccessTokenRecord {
  const record = object(value, path);
  return {
    token: string(record.token, `${path}.token`),
    grantId: string(record.grantId, `${path}.grantId`),
    expiresAt: number(record.expiresAt, `${path}.expiresAt`),
  };
}

function eventTime(value: unknown, path: string): EventTime {
  const time = object(value, path);
  const kind = oneOf(time.kind, `${path}.kind`, ['dateTime', 'date'] as const);
  if (kind === 'date') {
    const date = string(time.date, `${path}.date`);
    if (!isDate(date)) problem(`${path}.date`, 'a date (YYYY-MM-DD)');
    return { kind, date };
  }
  return {
    kind,
    instant: number(time.instant, `${path}.instant`),
    timeZone: time.timeZone === undefined ? undefined : timeZone(time.timeZone, `${path}.timeZone`),
  };
}

function reminders(value: unknown, path: string): Reminders {
  const record = object(value, path);
  const useDefault = boolean(record.useDefault, `${path}.useDefault`);
  if (record.overrides === undefined) return { useDefault };
  const overrides = array(record.overrides, `${path}.overrides`, (entry, at) => {
    const override = object(entry, at);
    return { method: string(override.method, `${at}.method`), minutes: number(override.minutes, `${at}.minutes`) };
  });
  return { useDefault, overrides };
}

const EVENT_STATUSES: readonly EventStatus[] = ['confirmed', 'tentative', 'cancelled'];
const TRANSPARENCIES: readonly Transparency[] = ['opaque', 'transparent'];

function calendarEvent(value: unknown, path: string): CalendarEvent {
  const event = object(value, path);
  return {
    id: string(event.id, `${path}.id`),
    status: oneOf(event.status, `${path}.status`, EVENT_STATUSES),
    summary: optionalString(event.summary, `${path}.summary`),
    description: optionalString(event.description, `${path}.description`),
    location: optionalString(event.location, `${path}.location`),
    colorId: optionalString(event.colorId, `${path}.colorId`),
    start: eventTime(event.start, `${path}.start`),
    end: eventTime(event.end, `${path}.end`),
    transparency: oneOf(event.transparency, `${path}.transparency`, TRANSPARENCIES),
    privateProperties: stringRecord(event.privateProperties, `${path}.privateProperties`),
    sharedProperties: stringRecord(event.sharedProperties, `${path}.sharedProperties`),
    reminders: reminders(event.reminders, `${path}.reminders`),
    created: number(event.created, `${path}.created`),
    revision: number(event.revision, `${path}.revision`),
    sequence: number(event.sequence, `${path}.sequence`),
  };
}

function calendar(value: unknown, path: string): CalendarRecord {
  const record = object(value, path);
  return {
    email: string(record.email, `${path}.email`).toLowerCase(),
    timeZone: timeZone(record.timeZone, `${path}.timeZone`),
    revision: number(record.revision, `${path}.revision`),
    events: array(record.events, `${path}.events`, calendarEvent),
  };
}

function pushChannel(value: unknown, path: string): PushChannel {
  const record = object(value, path);
  const token = optionalString(record.token, `${path}.token`);
  return {
    id: string(record.id, `${path}.id`),
    clientId: string(record.clientId, `${path}.clientId`),
    grantId: string(record.grantId, `${path}.grantId`),
    email: string(record.email, `${path}.email`).toLowerCase(),
    resourceId: string(record.resourceId, `${path}.resourceId`),
    resourceUri: string(record.resourceUri, `${path}.resourceUri`),
    address: string(record.address, `${path}.address`),
    ...(token === undefined ? {} : { token }),
    expiration: number(record.expiration, `${path}.expiration`),
    createdAt: number(record.createdAt, `${path}.createdAt`),
    messageNumber: number(record.messageNumber, `${path}.messageNumber`),
  };
}

function readDocument(json: Record<string, unknown>): StateDocument {
  const document: StateDocument = {
    version: STATE_DOCUMENT_VERSION,
    savedAt: string(json.savedAt, 'savedAt'),
    signingKey: signingKey(json.signingKey, 'signingKey'),
    pendingRequests: array(json.pendingRequests, 'pendingRequests', pendingRequest),
    grants: array(json.grants, 'grants', grant),
    authorizationCodes: array(json.authorizationCodes, 'authorizationCodes', authorizationCode),
    accessTokens: array(json.accessTokens, 'accessTokens', accessToken),
    calendars: array(json.calendars, 'calendars', calendar),
    ...(json.channels === undefined ? {} : { channels: array(json.channels, 'channels', pushChannel) }),
  };
  const grantIds = new Set(document.grants.map((entry) => entry.id));
  document.authorizationCodes.forEach((code, index) => {
    if (!grantIds.has(code.grantId)) problem(`authorizationCodes[${index}].grantId`, 'the id of a grant in "grants"');
  });
  document.accessTokens.forEach((token, index) => {
    if (!grantIds.has(token.grantId)) problem(`accessTokens[${index}].grantId`, 'the id of a grant in "grants"');
  });
  document.channels?.forEach((channel, index) => {
    if (!grantIds.has(channel.grantId)) problem(`channels[${index}].grantId`, 'the id of a grant in "grants"');
  });
  return document;
}

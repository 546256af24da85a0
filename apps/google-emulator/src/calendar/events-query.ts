import { createHash } from 'node:crypto';
import { RequestParams } from '../request-params.js';
import { type CalendarEvent, eventInterval } from './calendar-event.js';
import type { PrimaryCalendar } from './calendar-store.js';
import { GoogleApiError } from './google-api-error.js';
import { parseTimestamp } from './rfc3339.js';
import { canonicalTimeZone } from './time-zone.js';

/** Default and largest `maxResults` of `events.list`. */
export const EVENTS_PAGE_SIZE = { default: 250, max: 2500 } as const;

/** The validated parameters of `events.list`. */
export interface EventsQuery {
  /** Only events ending after this instant (ms). */
  timeMin?: number | undefined;
  /** Only events starting before this instant (ms). */
  timeMax?: number | undefined;
  /** Only events changed at or after this instant (ms); cancelled ones are then always included. */
  updatedMin?: number | undefined;
  singleEvents: boolean;
  orderBy?: 'startTime' | 'updated' | undefined;
  /** `key=value` pairs that must all match `extendedProperties.private`. */
  privateProperties: [string, string][];
  /** `key=value` pairs that must all match `extendedProperties.shared`. */
  sharedProperties: [string, string][];
  showDeleted: boolean;
  /** Free-text terms that must all appear in the summary, description or location. */
  terms: string[];
  maxResults: number;
  pageToken?: string | undefined;
  /** Zone to write date-times in; the calendar's by default. */
  timeZone?: string | undefined;
}

/** One page of `events.list`. */
export interface EventsPage {
  items: CalendarEvent[];
  nextPageToken?: string;
}

function parseBoolean(params: RequestParams, name: string): boolean {
  const value = params.get(name);
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  throw GoogleApiError.invalid(`Invalid value for ${name}: ${value}`);
}

function parseInstant(params: RequestParams, name: string): number | undefined {
  const value = params.get(name);
  if (value === undefined) return undefined;
  const instant = parseTimestamp(value);
  if (instant === undefined) throw GoogleApiError.badRequest(`Invalid value for ${name}: ${value} (an RFC 3339 timestamp with offset is required)`);
  return instant;
}

function parseProperties(params: RequestParams, name: string): [string, string][] {
  return params.getAll(name).map((pair) => {
    const separator = pair.indexOf('=');
    if (separator <= 0) throw GoogleApiError.invalid(`Invalid value for ${name}: ${pair} (expected key=value)`);
    return [pair.slice(0, separator), pair.slice(separator + 1)];
  });
}

function parseMaxResults(params: RequestParams): number {
  const value = params.get('maxResults');
  if (value === undefined) return EVENTS_PAGE_SIZE.default;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw GoogleApiError.invalid(`Invalid value for maxResults: ${value}`);
  return Math.min(Number(value), EVENTS_PAGE_SIZE.max);
}

/** Validates the query string of `events.list` (Google's names and formats). */
export function parseEventsQuery(querystring: unknown): EventsQuery {
  const params = new RequestParams(querystring);
  const timeMin = parseInstant(params, 'timeMin');
  const timeMax = parseInstant(params, 'timeMax');
  if (timeMin !== undefined && timeMax !== undefined && timeMax <= timeMin) throw GoogleApiError.timeRangeEmpty();

  const singleEvents = parseBoolean(params, 'singleEvents');
  const orderBy = params.get('orderBy');
  if (orderBy !== undefined && orderBy !== 'startTime' && orderBy !== 'updated') {
    throw GoogleApiError.invalid(`Invalid value for orderBy: ${orderBy}`);
  }
  if (orderBy === 'startTime' && !singleEvents) {
    throw GoogleApiError.badRequest('The requested ordering is not available for the particular query.');
  }
  const zone = params.get('timeZone');
  const timeZone = zone === undefined ? undefined : canonicalTimeZone(zone);
  if (zone !== undefined && timeZone === undefined) throw GoogleApiError.invalid(`Invalid time zone: ${zone}`);

  return {
    timeMin,
    timeMax,
    updatedMin: parseInstant(params, 'updatedMin'),
    singleEvents,
    orderBy,
    privateProperties: parseProperties(params, 'privateExtendedProperty'),
    sharedProperties: parseProperties(params, 'sharedExtendedProperty'),
    showDeleted: parseBoolean(params, 'showDeleted'),
    terms: (params.get('q') ?? '')
      .toLowerCase()
      .split(/\s+/)
      .filter((term) => term !== ''),
    maxResults: parseMaxResults(params),
    pageToken: params.get('pageToken'),
    timeZone,
  };
}

/** Identifies a query's filters, so that a page token is only honoured by the query that made it. */
function fingerprint(query: EventsQuery): string {
  const { maxResults: _maxResults, pageToken: _pageToken, timeZone: _timeZone, ...filters } = query;
  return createHash('sha256').update(JSON.stringify(filters)).digest('base64url').slice(0, 16);
}

function encodePageToken(offset: number, query: EventsQuery): string {
  return Buffer.from(JSON.stringify({ offset, query: fingerprint(query) })).toString('base64url');
}

function decodePageToken(token: string, query: EventsQuery): number {
  try {
    const decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { offset?: unknown; query?: unknown };
    if (Number.isInteger(decoded.offset) && (decoded.offset as number) >= 0 && decoded.query === fingerprint(query)) {
      return decoded.offset as number;
    }
  } catch {
    // falls through to the error below
  }
  throw GoogleApiError.invalid('Invalid page token.');
}

function matches(event: CalendarEvent, query: EventsQuery, calendarZone: string): boolean {
  const recentlyChanged = query.updatedMin !== undefined && event.revision >= query.updatedMin * 1000;
  if (query.updatedMin !== undefined && !recentlyChanged) return false;
  if (event.status === 'cancelled' && !query.showDeleted && !recentlyChanged) return false;
  const { start, end } = eventInterval(event, calendarZone);
  if (query.timeMin !== undefined && end <= query.timeMin) return false;
  if (query.timeMax !== undefined && start >= query.timeMax) return false;
  if (!query.privateProperties.every(([key, value]) => event.privateProperties[key] === value)) return false;
  if (!query.sharedProperties.every(([key, value]) => event.sharedProperties[key] === value)) return false;
  const text = [event.summary, event.description, event.location].join('\n').toLowerCase();
  return query.terms.every((term) => text.includes(term));
}

/** The page of the calendar's events that `query` selects, in Google's order. */
export function selectEvents(calendar: PrimaryCalendar, query: EventsQuery): EventsPage {
  const zone = calendar.timeZone;
  const selected = [...calendar.events.values()].filter((event) => matches(event, query, zone));
  if (query.orderBy === 'startTime') {
    selected.sort((a, b) => eventInterval(a, zone).start - eventInterval(b, zone).start);
  } else if (query.orderBy === 'updated') {
    selected.sort((a, b) => a.revision - b.revision);
  }
  const offset = query.pageToken === undefined ? 0 : decodePageToken(query.pageToken, query);
  const items = selected.slice(offset, offset + query.maxResults);
  const next = offset + items.length;
  return next < selected.length ? { items, nextPageToken: encodePageToken(next, query) } : { items };
}

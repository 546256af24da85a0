import type { FastifyPluginAsync } from 'fastify';
import { EVENTS_READ_SCOPES, EVENTS_WRITE_SCOPES } from '../../oauth/scopes.js';
import { RequestParams } from '../../request-params.js';
import type { EmulatorPluginOptions } from '../../state/state.js';
import { calendarAccount, checkCalendarId } from '../calendar-access.js';
import { renderEvent, revisionTime } from '../calendar-event.js';
import { parseEventsQuery, selectEvents } from '../events-query.js';
import { GoogleApiError } from '../google-api-error.js';
import { canonicalTimeZone } from '../time-zone.js';

const SEND_UPDATES = ['all', 'externalOnly', 'none'];

interface CalendarParams {
  calendarId: string;
}
interface EventParams extends CalendarParams {
  eventId: string;
}

function checkSendUpdates(query: unknown): void {
  const sendUpdates = new RequestParams(query).get('sendUpdates');
  if (sendUpdates !== undefined && !SEND_UPDATES.includes(sendUpdates)) {
    throw GoogleApiError.invalid(`Invalid value for sendUpdates: ${sendUpdates}`);
  }
}

function responseZone(query: unknown, calendarZone: string): string {
  const zone = new RequestParams(query).get('timeZone');
  if (zone === undefined) return calendarZone;
  const canonical = canonicalTimeZone(zone);
  if (canonical === undefined) throw GoogleApiError.invalid(`Invalid time zone: ${zone}`);
  return canonical;
}

/**
 * Events of the primary calendar (endpoint names `calendar.events.<method>`): `list`, `get`,
 * `insert`, `patch` and `delete` under `/calendars/:calendarId/events`, with Google's semantics
 * (deleting leaves a `cancelled` event; client-chosen ids; 409 on a taken id).
 */
export const eventsPlugin: FastifyPluginAsync<EmulatorPluginOptions> = async (app, { state }) => {
  const store = state.calendars;

  app.get<{ Params: CalendarParams }>('/calendars/:calendarId/events', { config: { endpoint: 'calendar.events.list', errorStyle: 'calendar' } }, async (request) => {
    const email = calendarAccount(state, request.headers.authorization, EVENTS_READ_SCOPES);
    checkCalendarId(request.params.calendarId, email);
    const calendar = store.calendarOf(email);
    const query = parseEventsQuery(request.query);
    const page = selectEvents(calendar, query);
    const zone = query.timeZone ?? calendar.timeZone;
    return {
      kind: 'calendar#events',
      etag: `"${calendar.revision}"`,
      summary: calendar.email,
      updated: revisionTime(calendar.revision),
      timeZone: zone,
      accessRole: 'owner',
      defaultReminders: [{ method: 'popup', minutes: 10 }],
      ...(page.nextPageToken === undefined ? {} : { nextPageToken: page.nextPageToken }),
      items: page.items.map((event) => renderEvent(event, calendar.email, zone)),
    };
  });

  app.get<{ Params: EventParams }>('/calendars/:calendarId/events/:eventId', { config: { endpoint: 'calendar.events.get', errorStyle: 'calendar' } }, async (request) => {
    const email = calendarAccount(state, request.headers.authorization, EVENTS_READ_SCOPES);
    checkCalendarId(request.params.calendarId, email);
    const calendar = store.calendarOf(email);
    const event = store.event(email, request.params.eventId);
    if (event === undefined) throw GoogleApiError.notFound();
    return renderEvent(event, calendar.email, responseZone(request.query, calendar.timeZone));
  });

  app.post<{ Params: CalendarParams }>('/calendars/:calendarId/events', { config: { endpoint: 'calendar.events.insert', errorStyle: 'calendar' } }, async (request) => {
    const email = calendarAccount(state, request.headers.authorization, EVENTS_WRITE_SCOPES);
    checkCalendarId(request.params.calendarId, email);
    checkSendUpdates(request.query);
    const event = store.insertEvent(email, request.body);
    const calendar = store.calendarOf(email);
    return renderEvent(event, calendar.email, calendar.timeZone);
  });

  app.patch<{ Params: EventParams }>('/calendars/:calendarId/events/:eventId', { config: { endpoint: 'calendar.events.patch', errorStyle: 'calendar' } }, async (request) => {
    const email = calendarAccount(state, request.headers.authorization, EVENTS_WRITE_SCOPES);
    checkCalendarId(request.params.calendarId, email);
    checkSendUpdates(request.query);
    const event = store.patchEvent(email, request.params.eventId, request.body);
    const calendar = store.calendarOf(email);
    return renderEvent(event, calendar.email, calendar.timeZone);
  });

  app.delete<{ Params: EventParams }>(
    '/calendars/:calendarId/events/:eventId',
    { config: { endpoint: 'calendar.events.delete', errorStyle: 'calendar' } },
    async (request, reply) => {
      const email = calendarAccount(state, request.headers.authorization, EVENTS_WRITE_SCOPES);
      checkCalendarId(request.params.calendarId, email);
      checkSendUpdates(request.query);
      store.cancelEvent(email, request.params.eventId);
      return reply.code(204).send();
    },
  );
};

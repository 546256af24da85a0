import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { calendarError } from '../../google-errors.js';
import { liveBearerToken } from '../../oauth/bearer.js';
import { CHANNELS_STOP_SCOPES, EVENTS_READ_SCOPES } from '../../oauth/scopes.js';
import type { EmulatorPluginOptions, Grant } from '../../state/state.js';
import { calendarAccount, checkCalendarId } from '../calendar-access.js';
import { GoogleApiError } from '../google-api-error.js';
import { type PushChannel, renderChannel } from '../push-channel.js';
import { parseWatchRequest } from '../watch-request.js';

interface CalendarParams {
  calendarId: string;
}

/** The grant behind an already authenticated request. */
function grantOf(state: EmulatorPluginOptions['state'], request: FastifyRequest): Grant {
  const accessToken = liveBearerToken(state, request.headers.authorization);
  if (accessToken === undefined) throw GoogleApiError.invalidCredentials();
  return accessToken.grant;
}

function requiredString(body: unknown, field: string): string {
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[field] : undefined;
  if (value === undefined || value === null || value === '') throw GoogleApiError.required(`Required ${field}.`);
  if (typeof value !== 'string') throw GoogleApiError.invalid(`Invalid value for: ${field}`);
  return value;
}

/**
 * Push notifications (endpoint names `calendar.events.watch` and `calendar.channels.stop`):
 * `POST /calendars/:calendarId/events/watch` opens a channel with the access rules of `events.list`
 * and answers Google's `api#channel`; its `sync` message goes out once the answer is sent.
 * `POST /channels/stop` ends one of the client's channels (204; 404 if it has none with that id and
 * resource id).
 */
export const channelsPlugin: FastifyPluginAsync<EmulatorPluginOptions> = async (app, { state }) => {
  const opened = new WeakMap<FastifyRequest, PushChannel>();

  app.post<{ Params: CalendarParams }>(
    '/calendars/:calendarId/events/watch',
    {
      config: { endpoint: 'calendar.events.watch', errorStyle: 'calendar' },
      // The sync message follows the answer, so the client knows the channel before its first message.
      onResponse: async (request) => {
        const channel = opened.get(request);
        if (channel !== undefined) state.channels.announce(channel);
      },
    },
    async (request) => {
      const email = calendarAccount(state, request.headers.authorization, EVENTS_READ_SCOPES);
      checkCalendarId(request.params.calendarId, email);
      const grant = grantOf(state, request);
      const watch = parseWatchRequest(request.body, Date.now());
      const channel = state.channels.watch({ clientId: grant.clientId, grantId: grant.id, email }, request.params.calendarId, watch);
      opened.set(request, channel);
      return renderChannel(channel);
    },
  );

  app.post('/channels/stop', { config: { endpoint: 'calendar.channels.stop', errorStyle: 'calendar' } }, async (request, reply) => {
    calendarAccount(state, request.headers.authorization, CHANNELS_STOP_SCOPES);
    const grant = grantOf(state, request);
    if (typeof request.body !== 'object' || request.body === null || Array.isArray(request.body)) {
      throw GoogleApiError.badRequest('The request body must be a Channel resource (a JSON object).');
    }
    const id = requiredString(request.body, 'id');
    const resourceId = requiredString(request.body, 'resourceId');
    if (!state.channels.stop(grant.clientId, id, resourceId)) {
      throw new GoogleApiError(calendarError(404, 'notFound', `Channel '${id}' not found for project '${grant.clientId}'`));
    }
    return reply.code(204).send();
  });
};

import type { FastifyPluginAsync } from 'fastify';
import { googleApiErrorHandler } from '../../calendar/api-error-handler.js';
import { renderEvent } from '../../calendar/calendar-event.js';
import { GoogleApiError } from '../../calendar/google-api-error.js';
import { canonicalTimeZone } from '../../calendar/time-zone.js';
import { tolerateEmptyJsonBodies } from '../../json-body.js';
import { RequestParams } from '../../request-params.js';
import type { EmulatorPluginOptions } from '../../state/state.js';
import { FAULT_MODES, type FaultSpec } from '../fault-queue.js';

const faultSpecSchema = {
  type: 'object',
  required: ['endpoint'],
  additionalProperties: false,
  properties: {
    endpoint: { type: 'string', minLength: 1 },
    count: { type: 'integer', minimum: 1 },
    status: { type: 'integer', minimum: 100, maximum: 599 },
    retryAfter: { type: 'integer', minimum: 0 },
    latencyMs: { type: 'integer', minimum: 0, maximum: 120_000 },
    body: { type: 'object' },
    mode: { type: 'string', enum: FAULT_MODES },
  },
  // "Handle, then fail" needs a status to fail with.
  if: { required: ['mode'], properties: { mode: { const: 'after' } } },
  // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then, not a thenable
  then: { required: ['status'] },
} as const;

/**
 * Control API for tests and demos, mounted under `/__emulator`. Its routes are neither counted
 * nor faultable.
 */
export const controlPlugin: FastifyPluginAsync<EmulatorPluginOptions> = async (app, { state }) => {
  // Control calls often carry `content-type: application/json` with no body.
  tolerateEmptyJsonBodies(app);

  app.post('/reset', async () => {
    state.reset();
    return { reset: true };
  });

  app.post<{ Params: { email: string } }>('/users/:email/revoke', async (request) => ({
    revoked: state.revokeUser(request.params.email),
  }));

  app.post('/tokens/expire', async (request) => ({
    expired: state.expireAccessTokens(new RequestParams(request.body).get('email')),
  }));

  app.get('/requests', async () => ({ counts: state.counts.snapshot() }));
  app.delete('/requests', async () => {
    state.counts.clear();
    return { counts: state.counts.snapshot() };
  });

  app.post<{ Body: FaultSpec }>('/faults', { schema: { body: faultSpecSchema } }, async (request, reply) => {
    return reply.code(201).send({ fault: state.faults.add(request.body) });
  });
  app.get('/faults', async () => ({ faults: state.faults.list() }));
  app.delete('/faults', async () => {
    state.faults.clear();
    return { faults: [] };
  });

  app.get('/state', async () => state.summary());

  // Calendars: time zone, every event (cancelled included) and seeding without a token.
  app.put<{ Params: { email: string } }>('/calendars/:email', { errorHandler: googleApiErrorHandler }, async (request) => {
    const requested = new RequestParams(request.body).get('timeZone');
    if (requested === undefined) throw GoogleApiError.required('Missing timeZone.');
    const timeZone = canonicalTimeZone(requested);
    if (timeZone === undefined) throw GoogleApiError.invalid(`Invalid time zone: ${requested}`);
    const calendar = state.calendars.setTimeZone(request.params.email, timeZone);
    return { id: calendar.email, timeZone: calendar.timeZone };
  });

  app.get<{ Params: { email: string } }>('/calendars/:email/events', async (request) => {
    const calendar = state.calendars.calendarOf(request.params.email);
    return {
      id: calendar.email,
      timeZone: calendar.timeZone,
      items: [...calendar.events.values()].map((event) => renderEvent(event, calendar.email, calendar.timeZone)),
    };
  });

  app.post<{ Params: { email: string } }>('/calendars/:email/events', { errorHandler: googleApiErrorHandler }, async (request, reply) => {
    const calendar = state.calendars.calendarOf(request.params.email);
    const event = state.calendars.insertEvent(calendar.email, request.body);
    return reply.code(201).send(renderEvent(event, calendar.email, calendar.timeZone));
  });

  // The owner editing their calendar in Google: moves and deletions notify push channels like inserts.
  app.patch<{ Params: { email: string; eventId: string } }>('/calendars/:email/events/:eventId', { errorHandler: googleApiErrorHandler }, async (request) => {
    const calendar = state.calendars.calendarOf(request.params.email);
    const event = state.calendars.patchEvent(calendar.email, request.params.eventId, request.body);
    return renderEvent(event, calendar.email, calendar.timeZone);
  });
  app.delete<{ Params: { email: string; eventId: string } }>('/calendars/:email/events/:eventId', { errorHandler: googleApiErrorHandler }, async (request, reply) => {
    const calendar = state.calendars.calendarOf(request.params.email);
    state.calendars.cancelEvent(calendar.email, request.params.eventId);
    return reply.code(204).send();
  });

  // Push notification channels (`events.watch`): live ones with their delivery counts.
  app.get('/channels', async () => ({ channels: state.channels.status() }));
  app.post('/channels/expire', async (request) => ({
    expired: state.channels.expire(new RequestParams(request.body).get('id')),
  }));
};

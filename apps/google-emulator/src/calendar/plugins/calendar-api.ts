import type { FastifyPluginAsync } from 'fastify';
import { calendarError } from '../../google-errors.js';
import { tolerateEmptyJsonBodies } from '../../json-body.js';
import type { EmulatorPluginOptions } from '../../state/state.js';
import { googleApiErrorHandler } from '../api-error-handler.js';
import { calendarsPlugin } from './calendars.js';
import { channelsPlugin } from './channels.js';
import { eventsPlugin } from './events.js';
import { freebusyPlugin } from './freebusy.js';

/**
 * The Google Calendar v3 subset, to be mounted at `/calendar/v3`: Google's error shape for every
 * failure (unknown paths included), then one plugin per resource (push channels included).
 */
export const calendarApiPlugin: FastifyPluginAsync<EmulatorPluginOptions> = async (app, { state }) => {
  tolerateEmptyJsonBodies(app);
  app.setErrorHandler(googleApiErrorHandler);
  app.setNotFoundHandler(async (_request, reply) => reply.code(404).send(calendarError(404, 'notFound', 'Not Found')));
  await app.register(calendarsPlugin, { state });
  await app.register(eventsPlugin, { state });
  await app.register(freebusyPlugin, { state });
  await app.register(channelsPlugin, { state });
};

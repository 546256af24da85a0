import type { AdminRuntimeConfig } from '@agendo/contracts';
import type { FastifyPluginAsync } from 'fastify';

/** Options of {@link runtimeConfigRoute}. */
export interface RuntimeConfigRouteOptions {
  readonly calendarOrigins: readonly string[];
}

/**
 * `GET /config.json`: what the page needs to know at run time (which calendar-server origins may
 * `postMessage` to it), so one build runs against any deployment. Never cached: a restart with
 * another `CALENDAR_ORIGINS` takes effect on the next page load.
 */
export const runtimeConfigRoute: FastifyPluginAsync<RuntimeConfigRouteOptions> = async (app, { calendarOrigins }) => {
  const body: AdminRuntimeConfig = { calendarOrigins: [...calendarOrigins] };
  app.get('/config.json', async (_request, reply) => reply.header('cache-control', 'no-store').send(body));
};

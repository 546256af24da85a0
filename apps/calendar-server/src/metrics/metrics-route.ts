import type { FastifyPluginAsync } from 'fastify';
import type { Metrics } from './metrics.js';

/** `GET /metrics` in Prometheus text format, and request timing for every route. */
export const metricsRoute: FastifyPluginAsync<{ metrics: Metrics }> = async (app, { metrics }) => {
  app.get('/metrics', async (_request, reply) => reply.header('content-type', metrics.registry.contentType).send(await metrics.registry.metrics()));
};

/** Records every response's duration by route pattern (never the raw URL: no ids or codes in labels). */
export const requestTimingHook: FastifyPluginAsync<{ metrics: Metrics }> = async (app, { metrics }) => {
  app.addHook('onResponse', async (request, reply) => {
    metrics.httpDuration.observe({ route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
};

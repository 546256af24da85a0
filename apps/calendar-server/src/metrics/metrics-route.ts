import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { Metrics } from './metrics.js';

/** `GET /metrics` in Prometheus text format, and request timing for every route. */
export const metricsRoute: FastifyPluginAsync<{ metrics: Metrics }> = async (app, { metrics }) => {
  app.get('/metrics', async (_request, reply) => reply.header('content-type', metrics.registry.contentType).send(await metrics.registry.metrics()));
};

/**
 * Records every response's duration by route pattern (never the raw URL: no ids or codes in labels).
 * Call it on the root instance; it listens to the raw response so hijacked replies (MCP) count too.
 */
export function recordRequestTimings(app: FastifyInstance, metrics: Metrics): void {
  app.addHook('onRequest', async (request, reply) => {
    const started = process.hrtime.bigint();
    reply.raw.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.httpDuration.observe({ route: request.routeOptions.url ?? 'unmatched', status: String(reply.raw.statusCode) }, seconds);
    });
  });
}

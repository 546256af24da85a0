import type { FastifyInstance, FastifyRequest } from 'fastify';

/** Requests that are the admin API's business (`/api`): one info line each. */
function isApiRequest(request: FastifyRequest): boolean {
  return request.url === '/api' || request.url.startsWith('/api/') || request.url.startsWith('/api?');
}

/**
 * One log line per request, after the response: `{method, url, statusCode, ms}`. Admin API calls and
 * failures at info; static files, the SPA's pages, `/config.json` and `/healthz` at debug, so a page
 * load does not flood the log. Call on the root instance, with Fastify's own request logging disabled.
 */
export function useRequestLogging(app: FastifyInstance): void {
  app.addHook('onResponse', async (request, reply) => {
    const line = { method: request.method, url: request.url, statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime) };
    if (isApiRequest(request) || reply.statusCode >= 400) request.log.info(line, 'request');
    else request.log.debug(line, 'request');
  });
}

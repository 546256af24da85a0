import type { FastifyInstance, FastifyRequest } from 'fastify';

/** How {@link logOneLinePerRequest} chooses levels and hides secrets. */
export interface RequestLogOptions {
  /** Route patterns (as registered, e.g. `/healthz`) polled by machines: logged at debug, not info. */
  readonly quietRoutes?: readonly string[];
  /** Rewrites the URL before it is logged (e.g. to hide OAuth codes in query strings). */
  readonly redactUrl?: (url: string) => string;
}

const extraFields = new WeakMap<FastifyRequest, Record<string, unknown>>();

/**
 * Adds fields (the MCP tool called, the customer) to the one line logged for `request`, so that a
 * route can say what the request did without logging a second line.
 */
export function addRequestLogFields(request: FastifyRequest, fields: Record<string, unknown>): void {
  extraFields.set(request, { ...extraFields.get(request), ...fields });
}

/**
 * Logs exactly one line per request, when its response ends: method, URL, status, duration and any
 * fields added with {@link addRequestLogFields}. Health and metrics polls go to debug so that the info
 * log tells what people and clients did. Create the app with `logController: new LogController({ disableRequestLogging: true })` (Fastify's
 * own two lines per request) and call this on the root instance; it listens to the raw response, so
 * hijacked replies (MCP) and aborted requests are logged too.
 */
export function logOneLinePerRequest(app: FastifyInstance, options: RequestLogOptions = {}): void {
  const quiet = new Set(options.quietRoutes ?? []);
  const redact = options.redactUrl ?? ((url: string) => url);
  app.addHook('onRequest', async (request, reply) => {
    const started = process.hrtime.bigint();
    let logged = false;
    const log = (aborted: boolean) => {
      if (logged) return;
      logged = true;
      const route = request.routeOptions.url;
      const level = route !== undefined && quiet.has(route) ? 'debug' : 'info';
      const line = {
        method: request.method,
        url: redact(request.url),
        statusCode: reply.raw.statusCode,
        ms: Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100,
        ...(aborted ? { aborted: true } : {}),
        ...extraFields.get(request),
      };
      request.log[level](line, 'request');
    };
    reply.raw.once('finish', () => log(false));
    reply.raw.once('close', () => log(!reply.raw.writableFinished));
  });
}

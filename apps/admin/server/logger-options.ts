import type { FastifyServerOptions } from 'fastify';

/**
 * pino options for the admin server: the admin's session cookie and any credentials never reach the
 * log, whether the browser sends them or the assistant sets them.
 */
export function loggerOptions(level: string, stream?: NodeJS.WritableStream): FastifyServerOptions['logger'] {
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', 'headers.authorization', 'headers.cookie', 'headers["set-cookie"]'],
      censor: '[REDACTED]',
    },
    serializers: {
      req: (req: { id?: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
    },
  };
}

import type { FastifyServerOptions } from 'fastify';

const SECRET_QUERY_PARAMS = /([?&](?:code|state|token|access_token|refresh_token)=)[^&]*/gi;

/** Hides OAuth codes, states and tokens that arrive in query strings. */
export function redactUrl(url: string): string {
  return url.replace(SECRET_QUERY_PARAMS, '$1[REDACTED]');
}

/**
 * pino options for the server: tokens, keys and credentials never reach the log, whether in
 * headers, bodies or query strings.
 */
export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'res.headers["set-cookie"]',
        '*.access_token',
        '*.refresh_token',
        '*.id_token',
        '*.accessToken',
        '*.refreshToken',
        '*.code_verifier',
        '*.codeVerifier',
        '*.client_secret',
        '*.tokens',
      ],
      censor: '[REDACTED]',
    },
    serializers: {
      req: (req: { method: string; url: string; ip?: string; id?: string }) => ({ id: req.id, method: req.method, url: redactUrl(req.url), ip: req.ip }),
    },
  };
}

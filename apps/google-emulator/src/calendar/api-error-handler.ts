import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { calendarError } from '../google-errors.js';
import { GoogleApiError } from './google-api-error.js';

/**
 * Fastify error handler that answers in Google's Calendar error shape: {@link GoogleApiError}s as
 * they are, other client errors (malformed JSON, unsupported media type...) as `badRequest`, and
 * anything else as a 500 `backendError`.
 */
export function googleApiErrorHandler(error: FastifyError | GoogleApiError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof GoogleApiError) return reply.code(error.statusCode).headers(error.headers).send(error.body);
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) return reply.code(status).send(calendarError(status, 'badRequest', error.message));
  request.log.error({ err: error }, 'calendar request failed');
  return reply.code(500).send(calendarError(500, 'backendError', 'Backend Error'));
}

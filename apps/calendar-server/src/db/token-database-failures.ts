import type { FastifyInstance } from 'fastify';
import { tokenDatabaseFailure } from './token-database-error.js';

/**
 * Answers a request that failed on the token database (read-only, corrupt, full disk…) with
 * `503 {error: <code>, message}` and one error log line naming the file, instead of a bare 500; other
 * errors go on to the enclosing error handler. Call it inside each route plugin that uses the database.
 */
export function answerTokenDatabaseFailures(app: FastifyInstance, file: string): void {
  app.setErrorHandler(async (error, request, reply) => {
    const failure = tokenDatabaseFailure(error, file);
    if (!failure) throw error;
    request.log.error({ code: failure.code, file, reason: (failure.cause as Error | undefined)?.message }, 'token database failure');
    return reply
      .code(503)
      .header('retry-after', '30')
      .send({ error: failure.code, message: 'El servidor de calendario no puede usar su base de datos de tokens ahora mismo. Inténtalo más tarde.' });
  });
}

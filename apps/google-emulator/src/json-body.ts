import type { FastifyInstance } from 'fastify';

/**
 * Replaces the JSON body parser of `app`'s context with one that reads an empty body as
 * `undefined` (control calls and some clients send `content-type: application/json` without a
 * body) and turns malformed JSON into a 400.
 */
export function tolerateEmptyJsonBodies(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, body === '' ? undefined : JSON.parse(body.toString()));
    } catch (error) {
      done(Object.assign(error as Error, { statusCode: 400 }), undefined);
    }
  });
}

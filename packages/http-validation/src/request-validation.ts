import type { ApiErrorBody } from '@agendo/contracts';
import type { FastifyError, FastifyInstance } from 'fastify';
import { serializerCompiler } from 'fastify-type-provider-zod';
import { $ZodType, safeParse } from 'zod/v4/core';
import { RequestValidationError } from './request-validation-error.js';

/** The 500 body: the details stay in the service's log. */
const INTERNAL_ERROR: ApiErrorBody = { error: 'internal_error', message: 'Error interno; revisa el log del servicio.' };

/**
 * Makes the route schemas of `app` (an encapsulated context, or the root) zod schemas from
 * `@agendo/contracts`: `body`, `querystring` and `params` validate and transform the request,
 * `response` schemas check and serialize the answer (`fastify-type-provider-zod`'s serializer). Every
 * failure gets the contract's error body: a bad request `400 {error:"invalid_request", message, fields,
 * issues}`, any other 4xx `{error: <code>, message}`, anything else a logged `500 internal_error`.
 */
export function useRequestValidation(app: FastifyInstance): void {
  app.setValidatorCompiler(({ schema, method, url, httpPart }) => {
    if (!(schema instanceof $ZodType)) throw new TypeError(`${method} ${url}: the ${httpPart ?? 'request'} schema must be a zod schema from @agendo/contracts`);
    return (data: unknown) => {
      const result = safeParse(schema, data);
      return result.success ? { value: result.data } : { error: new RequestValidationError(result.error.issues) };
    };
  });
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    if (error instanceof RequestValidationError) return reply.code(400).send(error.body);
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) return reply.code(status).send({ error: error.code ?? 'bad_request', message: error.message } satisfies ApiErrorBody);
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send(INTERNAL_ERROR);
  });
}

import type { FastifyError, FastifyInstance } from 'fastify';
import type { ZodType, z } from 'zod';

/** A request part that failed its zod schema, with one message per field. */
export class RequestValidationError extends Error {
  override readonly name = 'RequestValidationError';
  readonly issues: { path: string; message: string }[];

  constructor(error: z.ZodError) {
    const issues = error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    super(issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; '));
    this.issues = issues;
  }
}

/**
 * Makes route `schema.body/params/querystring` zod schemas validate (and transform) requests, and
 * turns failures, and any other 4xx, into `{error, message, issues?}` JSON.
 */
export function useZodValidation(app: FastifyInstance): void {
  app.setValidatorCompiler(({ schema }) => (data: unknown) => {
    const result = (schema as ZodType).safeParse(data);
    return result.success ? { value: result.data } : { error: new RequestValidationError(result.error) };
  });
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    if (error instanceof RequestValidationError) {
      return reply.code(400).send({ error: 'invalid_request', message: error.message, issues: error.issues });
    }
    const status = error.statusCode ?? 500;
    if (status < 500) {
      return reply.code(status).send({ error: error.code ?? 'bad_request', message: error.message });
    }
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send({ error: 'internal_error', message: 'Internal error; see the server log.' });
  });
}

import type { FastifyError, FastifyInstance } from 'fastify';
import type { ZodType, z } from 'zod';

/** A request part that failed its schema; `fields` maps each field to its (Spanish) message. */
export class FieldValidationError extends Error {
  override readonly name = 'FieldValidationError';
  readonly fields: Record<string, string>;

  constructor(error: z.ZodError) {
    const fields: Record<string, string> = {};
    for (const issue of error.issues) {
      const key = issue.path.join('.') || '_';
      fields[key] ??= issue.message;
    }
    super(Object.values(fields).join(' '));
    this.fields = fields;
  }
}

/**
 * Route `schema.body/params/querystring` zod schemas validate (and transform) requests; failures
 * answer 400 `{error: "validation_error", message, fields}` with one Spanish message per field.
 */
export function useFieldValidation(app: FastifyInstance): void {
  app.setValidatorCompiler(({ schema }) => (data: unknown) => {
    const result = (schema as ZodType).safeParse(data);
    return result.success ? { value: result.data } : { error: new FieldValidationError(result.error) };
  });
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    if (error instanceof FieldValidationError) {
      return reply.code(400).send({ error: 'validation_error', message: `Revisa los datos: ${error.message}`, fields: error.fields });
    }
    const status = error.statusCode ?? 500;
    if (status < 500) return reply.code(status).send({ error: error.code ?? 'bad_request', message: error.message });
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send({ error: 'internal_error', message: 'Error interno; revisa el log del servicio.' });
  });
}

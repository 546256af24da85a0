import { type InvalidRequestBody, invalidRequestBody } from '@agendo/contracts';

/**
 * A request part (body, query string, path parameters) that failed its zod schema. Carries the
 * contract's `invalid_request` body, so every service answers a bad request in the same words and shape.
 */
export class RequestValidationError extends Error {
  override readonly name = 'RequestValidationError';
  /** Stable code, also the body's `error`. */
  readonly code = 'invalid_request';
  /** Fastify answers a validation error with this status. */
  readonly statusCode = 400;
  /** The 400's JSON body. */
  readonly body: InvalidRequestBody;

  constructor(issues: readonly { readonly path: readonly PropertyKey[]; readonly message: string }[]) {
    const body = invalidRequestBody(issues);
    super(body.message);
    this.body = body;
  }
}

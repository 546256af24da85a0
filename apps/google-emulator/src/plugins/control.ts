import type { FastifyPluginAsync } from 'fastify';
import type { FaultSpec } from '../fault-queue.js';
import { RequestParams } from '../request-params.js';
import type { EmulatorPluginOptions } from '../state.js';

const faultSpecSchema = {
  type: 'object',
  required: ['endpoint'],
  additionalProperties: false,
  properties: {
    endpoint: { type: 'string', minLength: 1 },
    count: { type: 'integer', minimum: 1 },
    status: { type: 'integer', minimum: 100, maximum: 599 },
    retryAfter: { type: 'integer', minimum: 0 },
    latencyMs: { type: 'integer', minimum: 0, maximum: 120_000 },
    body: { type: 'object' },
  },
} as const;

/**
 * Control API for tests and demos, mounted under `/__emulator`. Its routes are neither counted
 * nor faultable.
 */
export const controlPlugin: FastifyPluginAsync<EmulatorPluginOptions> = async (app, { state }) => {
  // Tolerate `content-type: application/json` with an empty body: control calls often carry no body.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, body === '' ? undefined : JSON.parse(body.toString()));
    } catch (error) {
      done(Object.assign(error as Error, { statusCode: 400 }), undefined);
    }
  });

  app.post('/reset', async () => {
    state.reset();
    return { reset: true };
  });

  app.post<{ Params: { email: string } }>('/users/:email/revoke', async (request) => ({
    revoked: state.revokeUser(request.params.email),
  }));

  app.post('/tokens/expire', async (request) => ({
    expired: state.expireAccessTokens(new RequestParams(request.body).get('email')),
  }));

  app.get('/requests', async () => ({ counts: state.counts.snapshot() }));
  app.delete('/requests', async () => {
    state.counts.clear();
    return { counts: state.counts.snapshot() };
  });

  app.post<{ Body: FaultSpec }>('/faults', { schema: { body: faultSpecSchema } }, async (request, reply) => {
    return reply.code(201).send({ fault: state.faults.add(request.body) });
  });
  app.get('/faults', async () => ({ faults: state.faults.list() }));
  app.delete('/faults', async () => {
    state.faults.clear();
    return { faults: [] };
  });

  app.get('/state', async () => state.summary());
};

import type { FastifyPluginAsync } from 'fastify';

/** `GET /healthz`: for load balancers and `npm start`'s readiness wait; says nothing about the assistant. */
export const healthRoute: FastifyPluginAsync = async (app) => {
  app.get('/healthz', async (_request, reply) => reply.header('cache-control', 'no-store').send({ status: 'ok' }));
};

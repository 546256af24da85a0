import type { FastifyPluginAsync } from 'fastify';
import { sql } from 'kysely';
import type { Config } from '../config.js';
import type { TokenDatabase } from '../db/token-database.js';

/** `GET /healthz`: 200 when the token database answers, 503 otherwise. No auth. */
export const healthRoute: FastifyPluginAsync<{ config: Config; db: TokenDatabase }> = async (app, { config, db }) => {
  app.get('/healthz', async (_request, reply) => {
    try {
      await sql`select 1`.execute(db);
      return { status: 'ok', mode: config.mode, calendar_backend: config.calendarBackend };
    } catch (err) {
      app.log.error({ err }, 'health check failed');
      return reply.code(503).send({ status: 'unavailable', reason: 'token database' });
    }
  });
};

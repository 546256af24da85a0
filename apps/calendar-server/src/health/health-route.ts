import fs from 'node:fs';
import path from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import { sql } from 'kysely';
import type { Config } from '../config.js';
import { describeTokenDatabase, type TokenDatabase } from '../db/token-database.js';
import { tokenDatabaseFailure } from '../db/token-database-error.js';

/**
 * `GET /healthz`: 200 when the token database answers a query (and, for SQLite, its file and folder
 * are writable), 503 with the reason otherwise (never a crash). No auth.
 */
export const healthRoute: FastifyPluginAsync<{ config: Config; db: TokenDatabase }> = async (app, { config, db }) => {
  app.get('/healthz', async (_request, reply) => {
    const file = config.tokenDbPath;
    const where = describeTokenDatabase({ file, url: config.databaseUrl });
    try {
      await sql`select 1`.execute(db);
      if (!config.databaseUrl) {
        fs.accessSync(file, fs.constants.R_OK | fs.constants.W_OK);
        fs.accessSync(path.dirname(file), fs.constants.W_OK | fs.constants.X_OK);
      }
      return { status: 'ok', mode: config.mode, calendar_backend: config.calendarBackend };
    } catch (err) {
      const failure = tokenDatabaseFailure(err, where);
      const code = failure?.code ?? ((err as NodeJS.ErrnoException).code === 'ENOENT' ? 'token_database_missing' : 'token_database_read_only');
      app.log.error({ code, file: where, reason: failure?.message ?? (err as Error).message }, 'health check failed');
      return reply.code(503).send({ status: 'unavailable', reason: 'token database', code });
    }
  });
};

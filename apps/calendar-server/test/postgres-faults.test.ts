import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { tokenDatabaseFailure } from '../src/db/token-database-error.js';
import { type Harness, ON_POSTGRES, startHarness } from './harness.js';

/**
 * PostgreSQL going away under a running server: requests that need the token database get a 503 with a
 * stable code (no stack trace, no crash, no password), and it recovers by itself when PostgreSQL is back.
 * A bug (a broken constraint) is not mistaken for a storage fault.
 */

let h: Harness | undefined;
let admin: pg.Client | undefined;
let database = '';

beforeAll(async () => {
  if (!ON_POSTGRES) return;
  h = await startHarness();
  await h.connect('pgfault-1', 'pgfault@ejemplo.com');
  database = decodeURIComponent(new URL(h.env.DATABASE_URL!).pathname.slice(1));
  admin = new pg.Client({ connectionString: process.env.AGENDO_TEST_POSTGRES_URL });
  await admin.connect();
});

afterAll(async () => {
  await admin?.query(`alter database "${database}" allow_connections true`).catch(() => undefined);
  await admin?.end();
  await h?.close();
});

beforeEach((ctx) => {
  if (!ON_POSTGRES) ctx.skip('PostgreSQL faults: this runs in the postgres project');
});

describe('PostgreSQL unreachable while the server runs', () => {
  it('answers 503 token_database_unreachable (health too), and serves again once PostgreSQL is back', async () => {
    await admin!.query(`alter database "${database}" allow_connections false`);
    await admin!.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [database]);

    const status = await h!.api('/oauth/status/pgfault-1');
    expect(status.status).toBe(503);
    expect(status.headers.get('retry-after')).toBe('30');
    expect(await status.json()).toMatchObject({ error: 'token_database_unreachable' });
    const health = await h!.api('/healthz', { auth: null });
    expect(health.status).toBe(503);
    expect(await health.json()).toEqual({ status: 'unavailable', reason: 'token database', code: 'token_database_unreachable' });

    await admin!.query(`alter database "${database}" allow_connections true`);
    await expect.poll(async () => (await h!.api('/healthz', { auth: null })).status, { timeout: 5_000 }).toBe(200);
    expect(await (await h!.api('/oauth/status/pgfault-1')).json()).toMatchObject({ status: 'connected' });
  });

  it('a refused connection is unreachable, the URL in the message without its password', () => {
    const failure = tokenDatabaseFailure(
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }),
      'postgres://agendo:***@127.0.0.1:1/x (schema calendar_server)',
    );
    expect(failure?.code).toBe('token_database_unreachable');
    expect(failure?.message).toContain('postgres://agendo:***@');
  });

  it('a broken constraint is a bug, not a storage fault', async () => {
    const row = await h!.server.database.db.selectFrom('connections').selectAll().where('customer_id', '=', 'pgfault-1').executeTakeFirstOrThrow();
    const duplicate = await h!.server.database.db
      .insertInto('connections')
      .values(row)
      .execute()
      .catch((err: unknown) => err);
    expect((duplicate as { code?: string }).code).toBe('23505');
    expect(tokenDatabaseFailure(duplicate, 'x')).toBeUndefined();
  });
});

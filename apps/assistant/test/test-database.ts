import { freshTestDatabase } from '@agendo/database/test-cluster';

/** Whether this run is the `postgres` project (vitest.config.ts sets `AGENDO_TEST_DATABASE=postgres`). */
export const onPostgres = process.env.AGENDO_TEST_DATABASE === 'postgres';

/**
 * The `DATABASE_URL` an assistant under test gets: a fresh empty PostgreSQL database in the run's cluster
 * in the `postgres` project, undefined (SQLite) otherwise. Fails loudly when the project says PostgreSQL
 * and the run has no cluster, so a PostgreSQL run can never quietly test SQLite.
 */
export async function testDatabaseUrl(): Promise<string | undefined> {
  if (!onPostgres) return undefined;
  const url = await freshTestDatabase('assistant_test');
  if (!url) throw new Error('AGENDO_TEST_DATABASE=postgres but this run has no PostgreSQL cluster (AGENDO_TEST_POSTGRES_URL is unset)');
  return url;
}

/** `{ DATABASE_URL }` for an assistant's environment under test (empty on SQLite). */
export async function testDatabaseEnv(): Promise<Record<string, string>> {
  const url = await testDatabaseUrl();
  return url ? { DATABASE_URL: url } : {};
}

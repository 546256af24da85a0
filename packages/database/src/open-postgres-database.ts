import { Kysely, PostgresDialect, sql } from 'kysely';
import { type MigrationProvider, Migrator } from 'kysely/migration';
import pg from 'pg';

/** Where a service's tables live in PostgreSQL. */
export interface PostgresDatabaseOptions {
  /** `postgres://user:password@host:port/database` (the service's `DATABASE_URL`). */
  readonly url: string;
  /** The service's own schema (`calendar_server`, `assistant`): both may share one database. */
  readonly schema: string;
  /** Connections in the pool (default 10). */
  readonly poolSize?: number;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * A pool whose every connection works in `schema` (`search_path`), so that the services' queries and
 * their migration tables stay apart in one database without naming the schema in each query.
 */
export function createSchemaPool(url: string, schema: string, poolSize = 10): pg.Pool {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`Invalid PostgreSQL schema name: ${schema}`);
  const pool = new pg.Pool({ connectionString: url, max: poolSize, options: `-c search_path=${schema}` });
  // An idle client that loses its connection must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  return pool;
}

/**
 * Opens a service's PostgreSQL database with Kysely (a `pg` pool), creates its schema if missing and
 * migrates it to the latest version. Kysely's migrator takes a lock in the database, so replicas that
 * start together migrate once. `label` names the database in errors.
 */
export async function openPostgresDatabase<Schema>(options: PostgresDatabaseOptions, migrations: MigrationProvider, label: string): Promise<{ db: Kysely<Schema>; pool: pg.Pool }> {
  const pool = createSchemaPool(options.url, options.schema, options.poolSize);
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  try {
    await sql`create schema if not exists ${sql.id(options.schema)}`.execute(db);
  } catch (err) {
    await db.destroy();
    throw new Error(`${label}: cannot reach PostgreSQL at ${redactUrl(options.url)}: ${(err as Error).message}`, { cause: err });
  }
  // The migration tables are looked up in the service's own schema: without `migrationTableSchema`, Kysely
  // finds another service's `kysely_migration_lock` in the same database and never creates its own.
  const { error, results } = await new Migrator({ db, provider: migrations, migrationTableSchema: options.schema }).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    await db.destroy();
    throw new Error(`${label} migration failed${failed ? ` at ${failed.migrationName}` : ''}: ${String(error)}`, { cause: error });
  }
  return { db, pool };
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(an unparsable URL)';
  }
}

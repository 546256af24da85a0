import { type Kysely, PostgresAdapter } from 'kysely';

/** Which engine a database runs on: SQLite embedded (one process), or PostgreSQL (several replicas). */
export type DatabaseDialect = 'sqlite' | 'postgres';

/** The dialect behind a Kysely instance, for the few places (migrations, locks) where the SQL differs. */
export function dialectOf(db: Kysely<unknown>): DatabaseDialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/**
 * Column types that differ between the two engines, for migrations written once for both: bytes are
 * `blob` in SQLite and `bytea` in PostgreSQL; an auto-numbered key is `integer … autoincrement` in
 * SQLite and an identity column in PostgreSQL.
 */
export function columnTypes(db: Kysely<unknown>): { readonly binary: 'blob' | 'bytea'; readonly serial: 'integer' | 'bigserial' } {
  return dialectOf(db) === 'postgres' ? { binary: 'bytea', serial: 'bigserial' } : { binary: 'blob', serial: 'integer' };
}

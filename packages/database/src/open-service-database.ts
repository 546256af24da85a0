import type { Kysely } from 'kysely';
import type { MigrationProvider } from 'kysely/migration';
import { type ChangeFeed, InProcessChangeFeed, PostgresChangeFeed } from './change-feed.js';
import type { DatabaseDialect } from './dialect.js';
import { type ExclusiveLocks, InProcessLocks, PostgresAdvisoryLocks } from './exclusive-locks.js';
import { createSchemaPool, openPostgresDatabase } from './open-postgres-database.js';
import { openSqliteDatabase, type SqliteDatabaseOptions } from './open-sqlite-database.js';

/** Where a service keeps its data: a SQLite file, or PostgreSQL when `url` (DATABASE_URL) is set. */
export interface ServiceDatabaseConfig extends SqliteDatabaseOptions {
  /** `postgres://…`; unset → the SQLite `file`. */
  readonly url?: string | undefined;
  /** The SQLite file (used when `url` is unset). */
  readonly file: string;
  /** The service's PostgreSQL schema (`calendar_server`, `assistant`). */
  readonly schema: string;
  /** Connections of the main PostgreSQL pool (default 10); the lock pool has twice as many. */
  readonly poolSize?: number;
}

/** A service's database and the coordination that goes with it, the same API on both engines. */
export interface ServiceDatabase<Schema> {
  readonly db: Kysely<Schema>;
  readonly dialect: DatabaseDialect;
  /** One at a time per key, across replicas on PostgreSQL. */
  readonly locks: ExclusiveLocks;
  /** Change messages to every replica (LISTEN/NOTIFY on PostgreSQL). */
  readonly changes: ChangeFeed;
  close(): Promise<void>;
}

/**
 * Opens and migrates a service's database: SQLite embedded (one process: locks and change messages
 * stay in the process) or PostgreSQL (several replicas: advisory locks and LISTEN/NOTIFY, through
 * PostgreSQL itself). `label` names the database in errors.
 */
export async function openServiceDatabase<Schema>(config: ServiceDatabaseConfig, migrations: MigrationProvider, label: string): Promise<ServiceDatabase<Schema>> {
  if (!config.url) {
    const db = await openSqliteDatabase<Schema>(config.file, migrations, label, config.journalMode ? { journalMode: config.journalMode } : {});
    const changes = new InProcessChangeFeed();
    return {
      db,
      dialect: 'sqlite',
      locks: new InProcessLocks(),
      changes,
      async close() {
        await changes.close();
        await db.destroy();
      },
    };
  }
  const { db, pool } = await openPostgresDatabase<Schema>({ url: config.url, schema: config.schema, ...(config.poolSize ? { poolSize: config.poolSize } : {}) }, migrations, label);
  const lockPool = createSchemaPool(config.url, config.schema, (config.poolSize ?? 10) * 2);
  const changes = new PostgresChangeFeed(config.url, config.schema, pool);
  return {
    db,
    dialect: 'postgres',
    locks: new PostgresAdvisoryLocks(lockPool, config.schema),
    changes,
    async close() {
      await changes.close();
      await lockPool.end();
      await db.destroy();
    },
  };
}

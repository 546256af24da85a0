import fs from 'node:fs';
import path from 'node:path';
import { ensurePrivateFile } from '@agendo/private-files';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { type MigrationProvider, Migrator } from 'kysely/migration';

/** How a database keeps its journal. */
export interface SqliteDatabaseOptions {
  /**
   * `wal` (default): readers never wait for the writer; SQLite maps a `-shm` file into memory, and a
   * process whose mapped `-shm` is truncated or cannot be backed by the disk dies of SIGBUS.
   * `delete`: a rollback journal and no memory-mapped file at all (`mmap_size = 0`), so a file made
   * unwritable, truncated or a full disk turn into SQLite errors instead of a crash. For small
   * databases with few writes.
   */
  readonly journalMode?: 'wal' | 'delete';
}

/**
 * Opens (creating folders and file as needed) a SQLite database with Kysely — WAL journal unless
 * `options.journalMode` says otherwise, a busy
 * timeout, foreign keys on — and migrates it to the latest schema. `label` names it in errors. The
 * file is mode 0600 whatever the umask (SQLite gives its `-wal` and `-shm` files the database's mode),
 * and a folder it creates is 0700.
 */
export async function openSqliteDatabase<Schema>(file: string, migrations: MigrationProvider, label: string, options: SqliteDatabaseOptions = {}): Promise<Kysely<Schema>> {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  for (const companion of [file, `${file}-wal`, `${file}-shm`]) {
    if (companion === file || fs.existsSync(companion)) ensurePrivateFile(companion);
  }
  const sqlite = new SQLite(file);
  try {
    if (options.journalMode === 'delete') {
      sqlite.pragma('mmap_size = 0');
      sqlite.pragma('journal_mode = DELETE');
    } else {
      sqlite.pragma('journal_mode = WAL');
    }
  } catch (err) {
    sqlite.close();
    throw err;
  }
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: sqlite }) });
  const { error, results } = await new Migrator({ db, provider: migrations }).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    await db.destroy();
    throw new Error(`${label} migration failed${failed ? ` at ${failed.migrationName}` : ''}: ${String(error)}`, { cause: error });
  }
  return db;
}

import fs from 'node:fs';
import path from 'node:path';
import { openSqliteDatabase } from '@agendo/database';
import type { Kysely } from 'kysely';
import { migrationProvider } from './migrations.js';
import type { Database } from './schema.js';
import { TokenDatabaseError, tokenDatabaseFailure } from './token-database-error.js';

/** The token database: Kysely over SQLite with a rollback journal, migrated to the latest schema. */
export type TokenDatabase = Kysely<Database>;

/**
 * Opens (creating folders and file as needed) and migrates the token database at `file`. It uses a
 * rollback journal and no memory-mapped file (see `journalMode: 'delete'`): with WAL, a `-shm` file
 * truncated or not backed by the disk while running killed the process with SIGBUS and no log line.
 * A file or folder the server cannot write, or a file that is not a SQLite database, is refused with a
 * {@link TokenDatabaseError} that names the file and says what to do.
 */
export async function openTokenDatabase(file: string): Promise<TokenDatabase> {
  requireWritable(file);
  try {
    const db = await openSqliteDatabase<Database>(file, migrationProvider, 'Token database', { journalMode: 'delete' });
    return db;
  } catch (err) {
    throw tokenDatabaseFailure(err, file) ?? err;
  }
}

/** Refuses up front what SQLite would only half open: a read-only file (writes would fail, or wait), or a folder where it cannot write its journal. */
function requireWritable(file: string): void {
  const folder = path.dirname(file);
  const readOnly = (what: string) =>
    new TokenDatabaseError(
      'token_database_read_only',
      file,
      `The token database ${file} is read-only: ${what} is not writable by the user running the server (uid ${process.getuid?.() ?? '?'}). Make the file and its folder writable by that user (e.g. chmod 600 ${file}; chmod 700 ${folder}).`,
    );
  if (fs.existsSync(file)) {
    try {
      fs.accessSync(file, fs.constants.R_OK | fs.constants.W_OK);
    } catch {
      throw readOnly('the file');
    }
  }
  if (fs.existsSync(folder)) {
    try {
      fs.accessSync(folder, fs.constants.W_OK | fs.constants.X_OK);
    } catch {
      throw readOnly(`its folder ${folder}`);
    }
  }
}

import fs from 'node:fs';
import path from 'node:path';
import { openServiceDatabase, redactUrl, type ServiceDatabase } from '@agendo/database';
import type { Kysely } from 'kysely';
import { migrationProvider } from './migrations.js';
import type { Database } from './schema.js';
import { TokenDatabaseError, tokenDatabaseFailure } from './token-database-error.js';

/** The token database: Kysely over SQLite (rollback journal) or PostgreSQL, migrated to the latest schema. */
export type TokenDatabase = Kysely<Database>;

/** The token database with the coordination that goes with it (locks and change messages across replicas). */
export type TokenStore = ServiceDatabase<Database>;

/** The PostgreSQL schema the calendar server keeps its tables in (another service may share the database). */
export const TOKEN_DATABASE_SCHEMA = 'calendar_server';

/** Where the token database is: the SQLite file, or `DATABASE_URL` (password hidden) and the schema. */
export interface TokenDatabaseLocation {
  readonly file: string;
  readonly url?: string | undefined;
}

/** The token database's place in words, for messages and logs: never a password. */
export function describeTokenDatabase(location: TokenDatabaseLocation): string {
  return location.url ? `${redactUrl(location.url)} (schema ${TOKEN_DATABASE_SCHEMA})` : location.file;
}

/**
 * Opens and migrates the token database: PostgreSQL in schema `calendar_server` when `url`
 * (`DATABASE_URL`) is set, several replicas sharing it; otherwise the SQLite file `file` (creating
 * folders and file as needed). SQLite uses a rollback journal and no memory-mapped file (see
 * `journalMode: 'delete'`): with WAL, a `-shm` file truncated or not backed by the disk while running
 * killed the process with SIGBUS and no log line. A file or folder the server cannot write, a file
 * that is not a SQLite database, or a PostgreSQL that cannot be reached is refused with a
 * {@link TokenDatabaseError} that names the place and says what to do.
 */
export async function openTokenDatabase(location: TokenDatabaseLocation): Promise<TokenStore> {
  if (!location.url) requireWritable(location.file);
  try {
    return await openServiceDatabase<Database>(
      { url: location.url, file: location.file, schema: TOKEN_DATABASE_SCHEMA, journalMode: 'delete' },
      migrationProvider,
      'Token database',
    );
  } catch (err) {
    throw tokenDatabaseFailure(err, describeTokenDatabase(location)) ?? err;
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

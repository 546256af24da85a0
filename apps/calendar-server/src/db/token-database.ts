import { openSqliteDatabase } from '@agendo/sqlite-database';
import type { Kysely } from 'kysely';
import { migrationProvider } from './migrations.js';
import type { Database } from './schema.js';

/** The token database: Kysely over SQLite in WAL mode, migrated to the latest schema. */
export type TokenDatabase = Kysely<Database>;

/** Opens (creating folders and file as needed) and migrates the token database at `file`. */
export function openTokenDatabase(file: string): Promise<TokenDatabase> {
  return openSqliteDatabase<Database>(file, migrationProvider, 'Token database');
}

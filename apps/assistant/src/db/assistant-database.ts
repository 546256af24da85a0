import { openSqliteDatabase } from '@agendo/database';
import type { Kysely } from 'kysely';
import { migrationProvider } from './migrations.js';
import type { AssistantDatabaseSchema } from './schema.js';

/** The assistant's own database: Kysely over SQLite in WAL mode, migrated to the latest schema. */
export type AssistantDatabase = Kysely<AssistantDatabaseSchema>;

/** Opens (creating folders and file as needed) and migrates the database at `file`. */
export function openAssistantDatabase(file: string): Promise<AssistantDatabase> {
  return openSqliteDatabase<AssistantDatabaseSchema>(file, migrationProvider, 'Assistant database');
}

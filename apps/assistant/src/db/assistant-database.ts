import { openServiceDatabase, type ServiceDatabase } from '@agendo/database';
import type { Kysely } from 'kysely';
import { migrationProvider } from './migrations.js';
import type { AssistantDatabaseSchema } from './schema.js';

/** The assistant's own tables through Kysely (SQLite or PostgreSQL: the stores do not care which). */
export type AssistantDatabase = Kysely<AssistantDatabaseSchema>;

/**
 * The assistant's database with the coordination that goes with it: locks one at a time per key and
 * change messages, in the process on SQLite, across replicas on PostgreSQL.
 */
export type AssistantStorage = ServiceDatabase<AssistantDatabaseSchema>;

/** The assistant's PostgreSQL schema: its tables stay apart from the calendar server's in a shared database. */
export const ASSISTANT_SCHEMA = 'assistant';

/** Where the assistant keeps its data: PostgreSQL when `url` (`DATABASE_URL`) is set, else the SQLite `file`. */
export interface AssistantDatabaseLocation {
  readonly file: string;
  readonly url?: string | undefined;
}

/**
 * Thrown when the assistant database cannot be opened or migrated (PostgreSQL unreachable, a file that is
 * not a database…): the start-up says it in one line. The message names the database with the password
 * of `DATABASE_URL` masked.
 */
export class AssistantDatabaseError extends Error {
  override readonly name = 'AssistantDatabaseError';
  readonly code = 'assistant_database_unavailable';
}

/** Opens (creating the file or the schema as needed) and migrates the assistant database. */
export async function openAssistantDatabase(location: AssistantDatabaseLocation): Promise<AssistantStorage> {
  try {
    return await openServiceDatabase<AssistantDatabaseSchema>({ url: location.url, file: location.file, schema: ASSISTANT_SCHEMA }, migrationProvider, 'Assistant database');
  } catch (err) {
    throw new AssistantDatabaseError((err as Error).message, { cause: err });
  }
}

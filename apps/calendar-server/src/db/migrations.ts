import { columnTypes } from '@agendo/database';
import { type Kysely, sql } from 'kysely';
import type { Migration, MigrationProvider } from 'kysely/migration';

/**
 * The schema history of the token database, in code, applied in key order at start — one definition
 * for SQLite and PostgreSQL (bytes are `columnTypes(db).binary`: `blob` or `bytea`).
 */
const migrations: Record<string, Migration> = {
  '0001_connections_and_states': {
    async up(db: Kysely<unknown>) {
      const { binary } = columnTypes(db);
      await db.schema
        .createTable('connections')
        .addColumn('customer_id', 'text', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('scopes', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('connected', 'needs_reauth')`))
        .addColumn('key_id', 'text', (c) => c.notNull())
        .addColumn('nonce', binary, (c) => c.notNull())
        .addColumn('ciphertext', binary, (c) => c.notNull())
        .addColumn('connected_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('oauth_states')
        .addColumn('state_hash', 'text', (c) => c.primaryKey())
        .addColumn('customer_id', 'text', (c) => c.notNull())
        .addColumn('expected_email', 'text', (c) => c.notNull())
        .addColumn('code_verifier', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text')
        .execute();
      await db.schema.createIndex('oauth_states_expires_at').on('oauth_states').column('expires_at').execute();
    },
  },
  '0002_connection_google_account': {
    async up(db: Kysely<unknown>) {
      // Which Google account (the id_token's `sub`) and calendar a connection reaches, so whatever
      // must be shared by every customer reaching one calendar can be keyed by it. Older rows stay null.
      await db.schema.alterTable('connections').addColumn('google_sub', 'text').execute();
      await db.schema
        .alterTable('connections')
        .addColumn('calendar_id', 'text', (c) => c.notNull().defaultTo('primary'))
        .execute();
      await db.schema.createIndex('connections_google_sub').on('connections').column('google_sub').execute();
      await db.schema.createIndex('connections_email_lower').on('connections').expression(sql`lower(email)`).execute();
    },
  },
  '0003_oauth_state_revocation': {
    async up(db: Kysely<unknown>) {
      // Disconnecting or deleting a customer revokes every state issued for them, so an old link
      // (they live 7 days) can never connect the calendar again.
      await db.schema.alterTable('oauth_states').addColumn('revoked_at', 'text').execute();
      await db.schema.createIndex('oauth_states_customer_id').on('oauth_states').column('customer_id').execute();
    },
  },
  '0004_push_channels': {
    async up(db: Kysely<unknown>) {
      // Google push channels, shared by every replica: one per calendar, created and renewed under a
      // lock on the calendar, and any replica that receives a notification checks it here. Only the
      // channel token's SHA-256 is kept. Times are epoch milliseconds.
      await db.schema
        .createTable('push_channels')
        .addColumn('channel_id', 'text', (c) => c.primaryKey())
        .addColumn('calendar_key', 'text', (c) => c.notNull())
        .addColumn('customer_id', 'text', (c) => c.notNull())
        .addColumn('resource_id', 'text')
        .addColumn('token_hash', 'text', (c) => c.notNull())
        .addColumn('expiration', 'bigint', (c) => c.notNull())
        .addColumn('renew_at', 'bigint', (c) => c.notNull())
        .addColumn('heard', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('push_channels_calendar_key').on('push_channels').column('calendar_key').execute();
    },
  },
  '0005_busy_answers': {
    async up(db: Kysely<unknown>) {
      // The busy cache shared by every replica (PostgreSQL): answers read from Google by any replica,
      // and per calendar the generation every invalidation bumps (an answer read before one is never
      // stored after it) and until when none may be stored (after a write of unknown outcome). Times
      // and ranges are epoch milliseconds. One process on SQLite keeps its answers in memory instead.
      const types = columnTypes(db);
      await db.schema
        .createTable('busy_answers')
        .addColumn('id', types.serial, (c) => (types.serial === 'integer' ? c.primaryKey().autoIncrement() : c.primaryKey()))
        .addColumn('calendar_key', 'text', (c) => c.notNull())
        .addColumn('range_start', 'bigint', (c) => c.notNull())
        .addColumn('range_end', 'bigint', (c) => c.notNull())
        .addColumn('busy', 'text', (c) => c.notNull())
        .addColumn('fetched_at', 'bigint', (c) => c.notNull())
        .addColumn('generation', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('busy_answers_calendar_key_fetched_at').on('busy_answers').columns(['calendar_key', 'fetched_at']).execute();
      await db.schema.createIndex('busy_answers_fetched_at').on('busy_answers').column('fetched_at').execute();
      await db.schema
        .createTable('busy_generations')
        .addColumn('calendar_key', 'text', (c) => c.primaryKey())
        .addColumn('generation', 'bigint', (c) => c.notNull())
        .addColumn('distrusted_until', 'bigint', (c) => c.notNull())
        .execute();
    },
  },
};

/** Serves the migrations above to Kysely's `Migrator`. */
export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};

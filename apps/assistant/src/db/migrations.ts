import type { Kysely } from 'kysely';
import type { Migration, MigrationProvider } from 'kysely/migration';

/** The assistant database's schema history, in code, applied in key order at start. */
const migrations: Record<string, Migration> = {
  '0001_initial': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('customers')
        .addColumn('customer_id', 'text', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('name', 'text')
        .addColumn('phone', 'text', (c) => c.unique())
        .addColumn('time_zone', 'text')
        .addColumn('preferred_duration_minutes', 'integer')
        .addColumn('search_text', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('customers_created_at').on('customers').columns(['created_at', 'customer_id']).execute();
      await db.schema
        .createTable('customer_bookings')
        .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.customer_id').onDelete('cascade'))
        .addColumn('booking_id', 'text', (c) => c.notNull())
        .addColumn('start', 'text', (c) => c.notNull())
        .addColumn('end', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('customer_bookings_pk', ['customer_id', 'booking_id'])
        .execute();
      await db.schema
        .createTable('dialogs')
        .addColumn('customer_id', 'text', (c) => c.primaryKey().references('customers.customer_id').onDelete('cascade'))
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('processed_messages')
        .addColumn('message_id', 'text', (c) => c.primaryKey())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('processed_messages_received_at').on('processed_messages').column('received_at').execute();
      await db.schema
        .createTable('admin_sessions')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '0002_llm_history': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('llm_messages')
        .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.customer_id').onDelete('cascade'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('llm_messages_pk', ['customer_id', 'seq'])
        .execute();
      await db.schema
        .createTable('llm_pending_actions')
        .addColumn('customer_id', 'text', (c) => c.primaryKey().references('customers.customer_id').onDelete('cascade'))
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('proposed_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
};

/** Serves the migrations above to Kysely's `Migrator`. */
export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};

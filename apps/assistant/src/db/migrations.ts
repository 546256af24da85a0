import { columnTypes } from '@agendo/database';
import { type Kysely, sql } from 'kysely';
import type { Migration, MigrationProvider } from 'kysely/migration';

/**
 * The assistant database's schema history, in code, applied in key order at start — one definition for
 * SQLite and PostgreSQL (`columnTypes` where the two differ). A migration already applied somewhere is
 * never changed in what it does on SQLite.
 */
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
  '0003_whatsapp_inbox': {
    // The durable WhatsApp inbox (issue 9, items 6 and 10): every inbound message is stored before the
    // webhook answers 200, and every reply is recorded before it is sent. It replaces `processed_messages`,
    // whose ids are carried over as handled messages so a redelivery after the upgrade is still ignored.
    async up(db: Kysely<unknown>) {
      const { serial } = columnTypes(db);
      await db.schema
        .createTable('inbound_messages')
        // SQLite: `integer primary key autoincrement` as before; PostgreSQL: bigserial (read back with Number()).
        .addColumn('seq', serial, (c) => (serial === 'integer' ? c.primaryKey().autoIncrement() : c.primaryKey()))
        .addColumn('message_id', 'text', (c) => c.notNull().unique())
        .addColumn('sender', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('body', 'text')
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'processing', 'done', 'failed')`))
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'text', (c) => c.notNull())
        .addColumn('claimed_at', 'text')
        .addColumn('finished_at', 'text')
        .addColumn('last_error', 'text')
        .execute();
      await db.schema.createIndex('inbound_messages_sender').on('inbound_messages').columns(['sender', 'seq']).execute();
      await db.schema.createIndex('inbound_messages_status').on('inbound_messages').columns(['status', 'next_attempt_at']).execute();
      await db.schema
        .createTable('outbound_replies')
        .addColumn('message_id', 'text', (c) => c.notNull().references('inbound_messages.message_id').onDelete('cascade'))
        .addColumn('ordinal', 'integer', (c) => c.notNull())
        .addColumn('recipient', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'sending', 'sent', 'unknown', 'failed')`))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'text')
        .addColumn('graph_message_id', 'text')
        .addPrimaryKeyConstraint('outbound_replies_pk', ['message_id', 'ordinal'])
        .execute();
      await db.schema
        .createTable('unknown_sender_notices')
        .addColumn('sender', 'text', (c) => c.primaryKey())
        .addColumn('notified_at', 'text', (c) => c.notNull())
        .execute();
      await sql`insert into inbound_messages (message_id, sender, type, body, received_at, status, attempts, next_attempt_at, finished_at)
        select message_id, '', 'unknown', null, received_at, 'done', 1, received_at, received_at from processed_messages`.execute(db);
      await db.schema.dropTable('processed_messages').execute();
    },
  },
  '0004_replicas': {
    // Several replicas on one PostgreSQL (issue 10): a lease on each claimed inbox message instead of a
    // reset at start, and the admin login throttle's state shared in the database.
    async up(db: Kysely<unknown>) {
      const { serial } = columnTypes(db);
      await db.schema.alterTable('inbound_messages').addColumn('lease_expires_at', 'text').execute();
      await db.schema
        .createTable('login_throttle_addresses')
        .addColumn('client_key', 'text', (c) => c.primaryKey())
        .addColumn('failures', 'integer', (c) => c.notNull())
        .addColumn('last_failure_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('login_throttle_addresses_last_failure').on('login_throttle_addresses').column('last_failure_at').execute();
      await db.schema
        .createTable('login_failure_log')
        .addColumn('seq', serial, (c) => (serial === 'integer' ? c.primaryKey().autoIncrement() : c.primaryKey()))
        .addColumn('failed_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('login_failure_log_failed_at').on('login_failure_log').column('failed_at').execute();
    },
  },
  '0005_reminders': {
    // WhatsApp reminders (issue 13, item 1): one row per booking the assistant made, claimed under a row
    // lock when due, so each goes out once whatever the replicas; and the customer's own lead, when set.
    async up(db: Kysely<unknown>) {
      const { serial } = columnTypes(db);
      await db.schema
        .createTable('reminders')
        .addColumn('id', serial, (c) => (serial === 'integer' ? c.primaryKey().autoIncrement() : c.primaryKey()))
        .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.customer_id').onDelete('cascade'))
        .addColumn('booking_id', 'text', (c) => c.notNull())
        .addColumn('booking_start', 'text', (c) => c.notNull())
        .addColumn('due_at', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'sending', 'sent', 'unknown', 'cancelled', 'failed')`))
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('claimed_at', 'text')
        .addColumn('sent_at', 'text')
        .addColumn('graph_message_id', 'text')
        .addColumn('text', 'text')
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('reminders_booking', ['customer_id', 'booking_id'])
        .execute();
      await db.schema.createIndex('reminders_status_due').on('reminders').columns(['status', 'due_at']).execute();
      await db.schema.createIndex('reminders_customer_sent').on('reminders').columns(['customer_id', 'sent_at']).execute();
      await db.schema.alterTable('customers').addColumn('reminder_lead_minutes', 'integer').execute();
    },
  },
  '0006_reconnect_links': {
    // Reconnecting from the chat (issue 13): the link sent to each customer whose calendar needs
    // (re)connecting, at most once a day, and the request to pick back up once it is used.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('reconnect_links')
        .addColumn('customer_id', 'text', (c) => c.primaryKey().references('customers.customer_id').onDelete('cascade'))
        .addColumn('sent_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('pending', 'text')
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('waiting', 'resumed', 'delivered')`))
        .addColumn('next_check_at', 'text', (c) => c.notNull())
        .addColumn('checks', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('resume_message', 'text')
        .addColumn('resumed_at', 'text')
        .execute();
      await db.schema.createIndex('reconnect_links_due').on('reconnect_links').columns(['status', 'next_check_at']).execute();
    },
  },
  '0007_conversation_and_activity': {
    // The admin's customer page (issue 13, item 3): every message both ways, and an audit log of what
    // happened to each customer; both go with the customer when it is deleted.
    async up(db: Kysely<unknown>) {
      const { serial } = columnTypes(db);
      await db.schema
        .createTable('conversation_messages')
        .addColumn('id', serial, (c) => (serial === 'integer' ? c.primaryKey().autoIncrement() : c.primaryKey()))
        .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.customer_id').onDelete('cascade'))
        .addColumn('direction', 'text', (c) => c.notNull().check(sql`direction in ('in', 'out')`))
        .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('whatsapp', 'chat')`))
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('conversation_messages_customer').on('conversation_messages').columns(['customer_id', 'id']).execute();
      await db.schema
        .createTable('activity_log')
        .addColumn('id', serial, (c) => (serial === 'integer' ? c.primaryKey().autoIncrement() : c.primaryKey()))
        .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.customer_id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('connected', 'disconnected', 'booked', 'moved', 'cancelled', 'reminded')`))
        .addColumn('actor', 'text', (c) => c.notNull().check(sql`actor in ('admin', 'customer', 'assistant')`))
        .addColumn('booking_id', 'text')
        .addColumn('booking_start', 'text')
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('activity_log_customer').on('activity_log').columns(['customer_id', 'id']).execute();
    },
  },
};

/** Serves the migrations above to Kysely's `Migrator`. */
export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};

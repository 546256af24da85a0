import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSchemaPool } from '@agendo/database';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AssistantDatabase } from '../../src/db/assistant-database.js';
import { ASSISTANT_SCHEMA } from '../../src/db/assistant-database.js';
import { migrationProvider } from '../../src/db/migrations.js';
import { CANNED_REPLIES } from '../../src/whatsapp/canned-replies.js';
import { testDatabaseUrl } from '../test-database.js';
import { newMessageId, textMessagePayload } from './webhook-fixtures.js';
import { CUSTOMER_WA_ID, PHONE_CUSTOMER, PHONE_NUMBER_ID, startWebhookTestApp, type WebhookTestApp } from './webhook-test-app.js';

/** Issue 9, item 6: the durable inbox — stored before the 200, resumed at start, each reply at most once. */

let t: WebhookTestApp | undefined;
const dirs: string[] = [];

afterEach(async () => {
  await t?.close();
  t = undefined;
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDbFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agendo-inbox-'));
  dirs.push(dir);
  return path.join(dir, 'assistant.db');
}

function text(from: string, body: string, id = newMessageId()) {
  return textMessagePayload({ from, id, body, name: 'Juan', phoneNumberId: PHONE_NUMBER_ID });
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

const inboxRows = (db: AssistantDatabase) => db.selectFrom('inbound_messages').select(['message_id', 'sender', 'body', 'status', 'attempts']).orderBy('seq').execute();
const replyRows = (db: AssistantDatabase) =>
  db.selectFrom('outbound_replies').select(['message_id', 'ordinal', 'text', 'status', 'graph_message_id']).orderBy('message_id').orderBy('ordinal').execute();

/** Inserts a message as the webhook would have stored it (`status` as a stopped process left it). */
async function seedMessage(db: AssistantDatabase, id: string, sender: string, body: string, status: 'pending' | 'processing', attempts = 0) {
  const at = new Date().toISOString();
  await db
    .insertInto('inbound_messages')
    .values({ message_id: id, sender, type: 'text', body, received_at: at, status, attempts, next_attempt_at: at, claimed_at: status === 'processing' ? at : null })
    .execute();
}

describe('the webhook stores before it answers', () => {
  it('has the message in the database when Meta gets the 200, before any reply', async () => {
    t = await startWebhookTestApp();
    const gate = deferred();
    t.engine.respond = async (_customerId, message) => {
      await gate.promise;
      return [`eco: ${message}`];
    };
    const id = newMessageId();
    const response = await t.postSigned(text(CUSTOMER_WA_ID, 'Hola', id));
    expect(response.status).toBe(200);
    const [row] = await inboxRows(t.db);
    expect(row).toMatchObject({ message_id: id, sender: CUSTOMER_WA_ID, body: 'Hola' });
    expect(['pending', 'processing']).toContain(row?.status);
    expect(t.graph.messages).toEqual([]);

    gate.resolve();
    await t.background.idle();
    expect(await inboxRows(t.db)).toMatchObject([{ message_id: id, status: 'done', attempts: 1 }]);
    expect(await replyRows(t.db)).toMatchObject([{ message_id: id, ordinal: 1, text: 'eco: Hola', status: 'sent', graph_message_id: expect.stringMatching(/^wamid\./) }]);
  });

  it('acknowledges Meta’s redelivery of a stored id with 200 and stores or answers nothing twice, even mid-processing', async () => {
    t = await startWebhookTestApp();
    const gate = deferred();
    t.engine.respond = async (_customerId, message) => {
      await gate.promise;
      return [`eco: ${message}`];
    };
    const payload = text(CUSTOMER_WA_ID, 'Hola', 'wamid.REDELIVERED');
    expect((await t.postSigned(payload)).status).toBe(200);
    await vi.waitFor(() => expect(t?.engine.calls).toHaveLength(1));
    expect((await t.postSigned(payload)).status).toBe(200);
    gate.resolve();
    await t.background.idle();
    expect((await t.postSigned(payload)).status).toBe(200);
    await t.background.idle();
    expect(await inboxRows(t.db)).toHaveLength(1);
    expect(t.engine.calls).toHaveLength(1);
    expect(t.graph.texts).toEqual(['eco: Hola']);
  });

  it('answers 503 (so Meta delivers again) when the inbox cannot store, never 200', async () => {
    t = await startWebhookTestApp();
    await t.db.schema.dropTable('outbound_replies').execute();
    await t.db.schema.dropTable('inbound_messages').execute();
    const response = await t.postSigned(text(CUSTOMER_WA_ID, 'Hola'));
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ error: 'storage_unavailable' });
    expect(t.engine.calls).toEqual([]);
  });
});

describe('at start', () => {
  it('answers the messages a stopped process left pending or processing, in order per sender', async () => {
    t = await startWebhookTestApp({
      beforeStart: async (db) => {
        await seedMessage(db, 'wamid.A1', CUSTOMER_WA_ID, 'uno', 'processing', 1);
        await seedMessage(db, 'wamid.A2', CUSTOMER_WA_ID, 'dos', 'pending');
        await seedMessage(db, 'wamid.B1', PHONE_CUSTOMER.waId, 'otra', 'pending');
      },
    });
    await t.background.idle();
    expect(t.graph.messages.filter((m) => m.to === CUSTOMER_WA_ID).map((m) => m.text)).toEqual(['eco: uno', 'eco: dos']);
    expect(t.graph.messages.filter((m) => m.to === PHONE_CUSTOMER.waId).map((m) => m.text)).toEqual(['eco: otra']);
    expect((await inboxRows(t.db)).map((row) => [row.message_id, row.status, row.attempts])).toEqual([
      ['wamid.A1', 'done', 2],
      ['wamid.A2', 'done', 1],
      ['wamid.B1', 'done', 1],
    ]);
  });

  it('does not send again a reply recorded but not marked sent; sends the ones never handed over, without asking the engine again', async () => {
    const lines: string[] = [];
    t = await startWebhookTestApp({
      beforeStart: async (db) => {
        await seedMessage(db, 'wamid.CRASHED', CUSTOMER_WA_ID, 'Quiero reservar', 'processing', 1);
        const at = new Date().toISOString();
        await db
          .insertInto('outbound_replies')
          .values([
            {
              message_id: 'wamid.CRASHED',
              ordinal: 1,
              recipient: CUSTOMER_WA_ID,
              text: 'Primera respuesta',
              status: 'sent',
              created_at: at,
              sent_at: at,
              graph_message_id: 'wamid.OUT1',
            },
            {
              message_id: 'wamid.CRASHED',
              ordinal: 2,
              recipient: CUSTOMER_WA_ID,
              text: 'Segunda respuesta',
              status: 'sending',
              created_at: at,
              sent_at: null,
              graph_message_id: null,
            },
            {
              message_id: 'wamid.CRASHED',
              ordinal: 3,
              recipient: CUSTOMER_WA_ID,
              text: 'Tercera respuesta',
              status: 'pending',
              created_at: at,
              sent_at: null,
              graph_message_id: null,
            },
          ])
          .execute();
      },
    });
    await t.background.idle();
    lines.push(...t.logLines);
    expect(t.engine.calls).toEqual([]);
    expect(t.graph.texts).toEqual(['Tercera respuesta']);
    expect((await replyRows(t.db)).map((row) => [row.ordinal, row.status])).toEqual([
      [1, 'sent'],
      [2, 'unknown'],
      [3, 'sent'],
    ]);
    expect(await inboxRows(t.db)).toMatchObject([{ message_id: 'wamid.CRASHED', status: 'done' }]);
    expect(lines.join('\n')).toMatch(/not sent again \(at most once\)/);
  });

  it('carries the ids of the old processed_messages table over, so their redelivery is still ignored', async () => {
    // The database as the version before the inbox left it, on this run's engine.
    const dbFile = tempDbFile();
    const databaseUrl = await testDatabaseUrl();
    const old = databaseUrl
      ? new Kysely<unknown>({ dialect: new PostgresDialect({ pool: createSchemaPool(databaseUrl, ASSISTANT_SCHEMA) }) })
      : new Kysely<unknown>({ dialect: new SqliteDialect({ database: new SQLite(dbFile) }) });
    if (databaseUrl) await sql`create schema ${sql.id(ASSISTANT_SCHEMA)}`.execute(old);
    await new Migrator({ db: old, provider: migrationProvider }).migrateTo('0002_llm_history');
    await old
      .insertInto('processed_messages' as never)
      .values({ message_id: 'wamid.OLD', received_at: new Date().toISOString() } as never)
      .execute();
    await old.destroy();

    t = await startWebhookTestApp(databaseUrl ? { databaseUrl } : { dbFile });
    expect((await t.postSigned(text(CUSTOMER_WA_ID, 'Hola', 'wamid.OLD'))).status).toBe(200);
    await t.background.idle();
    expect(t.engine.calls).toEqual([]);
    expect(t.graph.requestCount).toBe(0);
  });
});

describe('the worker', () => {
  it('keeps each sender’s order under concurrent webhooks from several senders, and works on different senders at once', async () => {
    t = await startWebhookTestApp();
    const running = new Map<string, number>();
    let concurrentSenders = 0;
    let peak = 0;
    t.engine.respond = async (customerId, message) => {
      const now = (running.get(customerId) ?? 0) + 1;
      running.set(customerId, now);
      expect(now).toBe(1);
      concurrentSenders += 1;
      peak = Math.max(peak, concurrentSenders);
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.floor(Math.random() * 20)));
      concurrentSenders -= 1;
      running.set(customerId, now - 1);
      return [`${message} (1/2)`, `${message} (2/2)`];
    };
    const senders = [CUSTOMER_WA_ID, PHONE_CUSTOMER.waId];
    const count = 8;
    await Promise.all(
      senders.map(async (sender) => {
        for (let i = 1; i <= count; i += 1) {
          expect((await t!.postSigned(text(sender, `mensaje ${i}`))).status).toBe(200);
        }
      }),
    );
    await t.background.idle();
    const expected = Array.from({ length: count }, (_, i) => [`mensaje ${i + 1} (1/2)`, `mensaje ${i + 1} (2/2)`]).flat();
    for (const sender of senders) {
      expect(
        t.graph.messages.filter((m) => m.to === sender).map((m) => m.text),
        sender,
      ).toEqual(expected);
    }
    expect(peak).toBe(2);
  });

  it('retries a message whose engine failed with backoff, holding that sender’s next message until it is answered', async () => {
    t = await startWebhookTestApp({ retryDelayMs: 30 });
    let failures = 2;
    t.engine.respond = async (_customerId, message) => {
      if (message === 'primero' && failures > 0) {
        failures -= 1;
        throw new Error('calendar unreachable');
      }
      return [`eco: ${message}`];
    };
    await t.postSigned(text(CUSTOMER_WA_ID, 'primero'));
    await t.postSigned(text(CUSTOMER_WA_ID, 'segundo'));
    await t.background.idle();
    expect(t.engine.calls.map((call) => call.text)).toEqual(['primero', 'primero', 'primero', 'segundo']);
    expect(t.graph.texts).toEqual(['eco: primero', 'eco: segundo']);
    expect((await inboxRows(t.db)).map((row) => [row.body, row.status, row.attempts])).toEqual([
      ['primero', 'done', 3],
      ['segundo', 'done', 1],
    ]);
  });

  it('marks a message failed after the last attempt, logs it and sends the apology once; the sender is served after', async () => {
    t = await startWebhookTestApp({ retryDelayMs: 5, maxAttempts: 3 });
    t.engine.respond = async (_customerId, message) => {
      if (message === 'roto') throw new Error('engine exploded');
      return [`eco: ${message}`];
    };
    await t.postSigned(text(CUSTOMER_WA_ID, 'roto'));
    await t.postSigned(text(CUSTOMER_WA_ID, 'bien'));
    await t.background.idle();
    expect(t.engine.calls.map((call) => call.text)).toEqual(['roto', 'roto', 'roto', 'bien']);
    expect(t.graph.texts).toEqual([CANNED_REPLIES.engineFailure, 'eco: bien']);
    const rows = await t.db.selectFrom('inbound_messages').select(['body', 'status', 'attempts', 'last_error']).orderBy('seq').execute();
    expect(rows[0]).toMatchObject({ body: 'roto', status: 'failed', attempts: 3, last_error: expect.stringContaining('engine exploded') });
    expect(t.logLines.join('\n')).toMatch(/WhatsApp message failed for good/);
  });

  it('gives up on a message that stopped the process on every attempt, with one apology', async () => {
    t = await startWebhookTestApp({
      maxAttempts: 3,
      beforeStart: async (db) => seedMessage(db, 'wamid.POISON', CUSTOMER_WA_ID, 'veneno', 'processing', 3),
    });
    await t.background.idle();
    expect(t.engine.calls).toEqual([]);
    expect(t.graph.texts).toEqual([CANNED_REPLIES.engineFailure]);
    expect(await inboxRows(t.db)).toMatchObject([{ message_id: 'wamid.POISON', status: 'failed' }]);
  });

  it('tries the message again when the Graph API keeps failing, sending the recorded replies without asking the engine twice', async () => {
    t = await startWebhookTestApp({ retryDelayMs: 20 });
    t.engine.respond = async () => ['Uno', 'Dos'];
    t.graph.failNext(3, 503); // every attempt of the client's first try
    await t.postSigned(text(CUSTOMER_WA_ID, 'Hola'));
    await t.background.idle();
    expect(t.engine.calls).toHaveLength(1);
    expect(t.graph.texts).toEqual(['Uno', 'Dos']);
    expect((await replyRows(t.db)).map((row) => row.status)).toEqual(['sent', 'sent']);
  });
});

import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type FastifyInstance, fastify } from 'fastify';
import { type AssistantDatabase, type AssistantStorage, openAssistantDatabase } from '../../src/db/assistant-database.js';
import { GraphApiClient } from '../../src/whatsapp/graph-api-client.js';
import { InboundInbox } from '../../src/whatsapp/inbound-inbox.js';
import { InboundMessageProcessor } from '../../src/whatsapp/inbound-message-processor.js';
import { InboxWorker } from '../../src/whatsapp/inbox-worker.js';
import type { WhatsAppConfig } from '../../src/whatsapp/whatsapp-config.js';
import { whatsappWebhook } from '../../src/whatsapp/whatsapp-webhook.js';
import { testDatabaseUrl } from '../test-database.js';
import { FakeConversationEngine } from './fake-conversation-engine.js';
import { GraphApiStandIn } from './graph-api-stand-in.js';
import { InMemorySenderDirectory } from './in-memory-sender-directory.js';
import { signedWebhook } from './webhook-fixtures.js';

export const VERIFY_TOKEN = 'verify-token-7c1f';
export const APP_SECRET = 'app-secret-3b9d2e8a';
export const ACCESS_TOKEN = 'EAAG-access-token-9f8e7d6c';
export const PHONE_NUMBER_ID = '106540352242922';
/** A registered customer whose customer_id is their WhatsApp number. */
export const CUSTOMER_WA_ID = '34600111222';
/** A registered customer found through their `phone`. */
export const PHONE_CUSTOMER = { customerId: 'cliente-ana', phone: '+34 600 333 444', waId: '34600333444' };
export const UNKNOWN_WA_ID = '34699999999';

/**
 * The webhook plugin in a real Fastify app on 127.0.0.1 with its durable inbox in a real SQLite file (a fresh
 * PostgreSQL database in the `postgres` test project) and the inbox worker running, wired to a fake engine, an in-memory sender directory and a Graph API stand-in.
 */
export interface WebhookTestApp {
  app: FastifyInstance;
  webhookUrl: string;
  baseUrl: string;
  config: WhatsAppConfig;
  graph: GraphApiStandIn;
  engine: FakeConversationEngine;
  /** The assistant database the inbox lives in. */
  db: AssistantDatabase;
  /** The same database with its locks and change feed. */
  storage: AssistantStorage;
  dbFile: string;
  /** The inbox worker (`idle()` waits until every stored message is handled). */
  background: InboxWorker;
  /** Every log line the app wrote (JSON), at debug level and up. */
  logLines: string[];
  /** POSTs `payload` signed with the app secret (or a string body as is). */
  postSigned(payload: unknown, options?: { escapeNonAscii?: boolean }): Promise<Response>;
  close(): Promise<void>;
}

/** Options of {@link startWebhookTestApp}. */
export interface WebhookTestAppOptions {
  configure?: (app: FastifyInstance) => void;
  /** The database file (default: a new one in a temporary folder, removed on close). */
  dbFile?: string;
  /** A PostgreSQL database instead (default: a fresh one in the `postgres` project, unless `dbFile` is given). */
  databaseUrl?: string;
  clock?: () => Date;
  /** Inbox worker settings (default: 3 attempts, 5 ms backoff). */
  maxAttempts?: number;
  retryDelayMs?: number;
  /** Runs before the worker starts (to seed the database as a stopped process left it). */
  beforeStart?: (db: AssistantDatabase) => Promise<void>;
}

export async function startWebhookTestApp(options: WebhookTestAppOptions = {}): Promise<WebhookTestApp> {
  const tempDir = options.dbFile === undefined ? fs.mkdtempSync(path.join(os.tmpdir(), 'agendo-webhook-')) : undefined;
  const dbFile = options.dbFile ?? path.join(tempDir ?? '', 'assistant.db');
  const url = options.databaseUrl ?? (options.dbFile === undefined ? await testDatabaseUrl() : undefined);
  const storage = await openAssistantDatabase({ file: dbFile, url });
  const { db } = storage;
  const graphStandIn = await GraphApiStandIn.start({ accessToken: ACCESS_TOKEN, phoneNumberIds: [PHONE_NUMBER_ID] });
  const config: WhatsAppConfig = {
    verifyToken: VERIFY_TOKEN,
    appSecret: APP_SECRET,
    accessToken: ACCESS_TOKEN,
    phoneNumberId: PHONE_NUMBER_ID,
    apiBaseUrl: graphStandIn.baseUrl,
    apiVersion: 'v21.0',
  };
  const logLines: string[] = [];
  const app = fastify({
    logger: { level: 'debug', stream: { write: (line: string) => void logLines.push(line) } },
  });
  const engine = new FakeConversationEngine();
  const senders = new InMemorySenderDirectory([{ customerId: CUSTOMER_WA_ID }, { customerId: PHONE_CUSTOMER.customerId, phone: PHONE_CUSTOMER.phone }]);
  const graph = new GraphApiClient({ config, log: app.log, retryDelayMs: 5 });
  const clock = options.clock ?? (() => new Date());
  const inbox = new InboundInbox(db);
  const background = new InboxWorker({
    inbox,
    processor: new InboundMessageProcessor({ db, engine, senders, graph, clock }),
    log: app.log,
    clock,
    maxAttempts: options.maxAttempts ?? 3,
    retryDelayMs: options.retryDelayMs ?? 5,
  });
  app.addHook('onClose', async () => background.stop());

  options.configure?.(app);
  await app.register(whatsappWebhook, { config, inbox, onStored: () => background.notify(), clock });
  await app.listen({ host: '127.0.0.1', port: 0 });
  await options.beforeStart?.(db);
  await background.start();
  const { port } = app.server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const webhookUrl = `${baseUrl}/webhooks/whatsapp`;

  return {
    app,
    webhookUrl,
    baseUrl,
    config,
    graph: graphStandIn,
    engine,
    db,
    storage,
    dbFile,
    background,
    logLines,
    postSigned: (payload, signOptions) => {
      const { body, headers } = signedWebhook(APP_SECRET, payload, signOptions);
      return fetch(webhookUrl, { method: 'POST', headers, body });
    },
    close: async () => {
      await app.close();
      await graphStandIn.close();
      await storage.close();
      if (tempDir !== undefined) fs.rmSync(tempDir, { recursive: true, force: true });
    },
  };
}

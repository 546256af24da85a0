import type { AddressInfo } from 'node:net';
import { fastify, type FastifyInstance } from 'fastify';
import { BackgroundTasks } from '../../src/whatsapp/background-tasks.js';
import { GraphApiClient } from '../../src/whatsapp/graph-api-client.js';
import type { WhatsAppConfig } from '../../src/whatsapp/whatsapp-config.js';
import { whatsappWebhook } from '../../src/whatsapp/whatsapp-webhook.js';
import { FakeConversationEngine } from './fake-conversation-engine.js';
import { GraphApiStandIn } from './graph-api-stand-in.js';
import { InMemoryProcessedMessages } from './in-memory-processed-messages.js';
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

/** The webhook plugin in a real Fastify app on 127.0.0.1, wired to fakes and a Graph API stand-in. */
export interface WebhookTestApp {
  app: FastifyInstance;
  webhookUrl: string;
  baseUrl: string;
  config: WhatsAppConfig;
  graph: GraphApiStandIn;
  engine: FakeConversationEngine;
  processed: InMemoryProcessedMessages;
  background: BackgroundTasks;
  /** Every log line the app wrote (JSON), at debug level and up. */
  logLines: string[];
  /** POSTs `payload` signed with the app secret (or a string body as is). */
  postSigned(payload: unknown, options?: { escapeNonAscii?: boolean }): Promise<Response>;
  close(): Promise<void>;
}

export async function startWebhookTestApp(
  options: { configure?: (app: FastifyInstance) => void } = {},
): Promise<WebhookTestApp> {
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
  const processed = new InMemoryProcessedMessages();
  const background = new BackgroundTasks();
  const senders = new InMemorySenderDirectory([
    { customerId: CUSTOMER_WA_ID },
    { customerId: PHONE_CUSTOMER.customerId, phone: PHONE_CUSTOMER.phone },
  ]);
  const graph = new GraphApiClient({ config, log: app.log, retryDelayMs: 5 });

  options.configure?.(app);
  await app.register(whatsappWebhook, { config, engine, senders, processed, graph, background });
  await app.listen({ host: '127.0.0.1', port: 0 });
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
    processed,
    background,
    logLines,
    postSigned: (payload, signOptions) => {
      const { body, headers } = signedWebhook(APP_SECRET, payload, signOptions);
      return fetch(webhookUrl, { method: 'POST', headers, body });
    },
    close: async () => {
      await app.close();
      await graphStandIn.close();
    },
  };
}

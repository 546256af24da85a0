import type { FastifyPluginAsync } from 'fastify';
import { BackgroundTasks } from './background-tasks.js';
import type { ConversationEngine } from '../conversation-engine.js';
import { GraphApiClient } from './graph-api-client.js';
import { InboundMessageProcessor } from './inbound-message-processor.js';
import type { ProcessedMessages } from './processed-messages.js';
import { keepRawJsonBody, type RawJsonBody } from './raw-json-body.js';
import type { SenderDirectory } from './sender-directory.js';
import type { WhatsAppConfig } from './whatsapp-config.js';
import { webhookPayloadSchema } from './webhook-payload.js';
import { isValidWebhookSignature } from './webhook-signature.js';
import { verifySubscription, type WebhookVerificationQuery } from './webhook-verification.js';

export type { WhatsAppWebhookHandle } from './background-tasks.js';
export type { ConversationEngine } from '../conversation-engine.js';
export type { ProcessedMessages } from './processed-messages.js';
export type { SenderDirectory } from './sender-directory.js';
export type { WhatsAppConfig } from './whatsapp-config.js';

/** Options of {@link whatsappWebhook}. */
export interface WhatsAppWebhookOptions {
  config: WhatsAppConfig;
  engine: ConversationEngine;
  senders: SenderDirectory;
  processed: ProcessedMessages;
  /** Client used for the replies; default: a {@link GraphApiClient} on `config`, logging to `app.log`. */
  graph?: GraphApiClient;
  /**
   * Tracker of the processing done after answering Meta; pass your own to `await background.idle()`
   * (tests, graceful shutdown). `app.close()` waits for it in any case.
   */
  background?: BackgroundTasks;
}

/** Route path of the webhook. */
export const WHATSAPP_WEBHOOK_PATH = '/webhooks/whatsapp';

const errorBody = {
  type: 'object',
  properties: { error: { type: 'string' }, message: { type: 'string' } },
  required: ['error', 'message'],
} as const;

/**
 * The WhatsApp Cloud API channel: `GET /webhooks/whatsapp` answers Meta's subscription handshake and
 * `POST /webhooks/whatsapp` receives notifications. A POST is checked against `X-Hub-Signature-256`
 * (HMAC-SHA256 of the raw body with the app secret: 401 otherwise), then parsed (400 for malformed JSON or
 * a payload that is not Meta's shape), answered `200 {status: "received"}` at once and processed in the
 * background: each message deduplicated, its sender identified and the engine's replies sent through
 * the Graph API. Register it unwrapped (not with fastify-plugin): its raw-body JSON parser must stay
 * inside its own encapsulation context.
 */
export const whatsappWebhook: FastifyPluginAsync<WhatsAppWebhookOptions> = async (app, options) => {
  const { config } = options;
  const background = options.background ?? new BackgroundTasks();
  const graph = options.graph ?? new GraphApiClient({ config, log: app.log.child({ component: 'whatsapp-graph' }) });
  const processor = new InboundMessageProcessor({
    engine: options.engine,
    senders: options.senders,
    processed: options.processed,
    graph,
    phoneNumberId: config.phoneNumberId,
  });

  app.addHook('onClose', async () => {
    await background.idle();
  });
  keepRawJsonBody(app);

  app.get<{ Querystring: WebhookVerificationQuery }>(
    WHATSAPP_WEBHOOK_PATH,
    {
      schema: {
        querystring: {
          type: 'object',
          properties: {
            'hub.mode': { type: 'string' },
            'hub.verify_token': { type: 'string' },
            'hub.challenge': { type: 'string' },
          },
        },
      },
    },
    async (request, reply) => {
      const challenge = verifySubscription(request.query, config.verifyToken);
      if (challenge === undefined) {
        request.log.warn({ mode: request.query['hub.mode'] }, 'WhatsApp webhook verification rejected');
        return reply.code(403).type('text/plain; charset=utf-8').send('Forbidden');
      }
      request.log.info('WhatsApp webhook verified');
      return reply.code(200).type('text/plain; charset=utf-8').send(challenge);
    },
  );

  app.post<{ Body: RawJsonBody }>(
    WHATSAPP_WEBHOOK_PATH,
    {
      schema: {
        response: {
          200: {
            type: 'object',
            properties: { status: { type: 'string', const: 'received' } },
            required: ['status'],
          },
          400: errorBody,
          401: errorBody,
        },
      },
    },
    async (request, reply) => {
      const body = request.body as RawJsonBody | undefined;
      if (body === undefined || !isValidWebhookSignature(body.raw, request.headers['x-hub-signature-256'], config.appSecret)) {
        request.log.warn(
          { hasSignature: request.headers['x-hub-signature-256'] !== undefined },
          'WhatsApp webhook rejected: bad or missing X-Hub-Signature-256',
        );
        return reply
          .code(401)
          .send({ error: 'invalid_signature', message: 'Missing or invalid X-Hub-Signature-256 header.' });
      }
      if (!body.json.ok) {
        request.log.warn('WhatsApp webhook rejected: malformed JSON');
        return reply.code(400).send({ error: 'invalid_json', message: 'The body is not valid JSON.' });
      }
      const parsed = webhookPayloadSchema.safeParse(body.json.value);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
        request.log.warn({ issues }, 'WhatsApp webhook rejected: unexpected payload');
        return reply.code(400).send({
          error: 'invalid_payload',
          message: `Not a WhatsApp Business Account notification: ${issues.join('; ')}`,
        });
      }

      const payload = parsed.data;
      const log = request.log;
      reply.code(200).send({ status: 'received' });
      background.run(() => processor.process(payload, log), log);
      return reply;
    },
  );
};

import type { FastifyError, FastifyPluginAsync } from 'fastify';
import type { InboundInbox } from './inbound-inbox.js';
import { keepRawJsonBody, type RawJsonBody } from './raw-json-body.js';
import { inboxEntriesOf } from './webhook-messages.js';
import { webhookPayloadSchema } from './webhook-payload.js';
import { isValidWebhookSignature } from './webhook-signature.js';
import { verifySubscription, type WebhookVerificationQuery } from './webhook-verification.js';
import type { WhatsAppConfig } from './whatsapp-config.js';

export type { WhatsAppConfig } from './whatsapp-config.js';

/** Options of {@link whatsappWebhook}. */
export interface WhatsAppWebhookOptions {
  config: WhatsAppConfig;
  /** Where each inbound message is stored before the webhook answers 200. */
  inbox: Pick<InboundInbox, 'store'>;
  /** Called after new messages were stored (wakes the {@link InboxWorker}). */
  onStored: () => void;
  clock?: () => Date;
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
 * `POST /webhooks/whatsapp` receives notifications. A POST must be `application/json` (415 otherwise, which
 * Meta does not retry), is checked against `X-Hub-Signature-256` (HMAC-SHA256 of the raw body with the app
 * secret: 401 otherwise), then parsed (400 for malformed JSON or a payload that is not Meta's shape). Its
 * messages are stored in the durable inbox — texts cut to 4,096 characters, ids already there acknowledged
 * and not stored again — and only then is it answered `200 {status: "received"}`; a worker replies from the
 * inbox. If the inbox cannot store them the answer is 503, so that Meta delivers them again. Register it
 * unwrapped (not with fastify-plugin): its body parser and error handler must stay inside its own
 * encapsulation context.
 */
export const whatsappWebhook: FastifyPluginAsync<WhatsAppWebhookOptions> = async (app, options) => {
  const { config, inbox } = options;
  const clock = options.clock ?? (() => new Date());

  keepRawJsonBody(app);
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      request.log.warn({ contentType: request.headers['content-type'] }, 'WhatsApp webhook rejected: not application/json');
      return reply.code(415).send({ error: 'unsupported_media_type', message: 'The body must be sent with Content-Type: application/json.' });
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      request.log.warn({ code: error.code, status }, `WhatsApp webhook rejected: ${error.message}`);
      return reply.code(status).send({ error: status === 413 ? 'payload_too_large' : 'bad_request', message: error.message });
    }
    // Deliberately 500: nothing was stored, so Meta's retry is wanted.
    request.log.error({ err: error }, 'WhatsApp webhook failed');
    return reply.code(500).send({ error: 'internal_error', message: 'The notification could not be handled; send it again later.' });
  });

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
          413: errorBody,
          415: errorBody,
          500: errorBody,
          503: errorBody,
        },
      },
    },
    async (request, reply) => {
      // An empty application/json body reaches here without one: it is checked (and refused) like any other.
      const body = (request.body as RawJsonBody | undefined) ?? { raw: Buffer.alloc(0), json: { ok: false } };
      if (!isValidWebhookSignature(body.raw, request.headers['x-hub-signature-256'], config.appSecret)) {
        request.log.warn({ hasSignature: request.headers['x-hub-signature-256'] !== undefined }, 'WhatsApp webhook rejected: bad or missing X-Hub-Signature-256');
        return reply.code(401).send({ error: 'invalid_signature', message: 'Missing or invalid X-Hub-Signature-256 header.' });
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

      const entries = inboxEntriesOf(parsed.data, config.phoneNumberId, request.log);
      let stored: string[];
      try {
        const result = await inbox.store(entries, clock());
        stored = result.stored;
        for (const messageId of result.duplicates) {
          request.log.info({ messageId }, 'Duplicate WhatsApp message acknowledged, not stored again');
        }
      } catch (error) {
        request.log.error({ err: error }, 'WhatsApp webhook could not store the messages; Meta will deliver them again');
        return reply.code(503).header('retry-after', '5').send({ error: 'storage_unavailable', message: 'The messages could not be stored; send them again later.' });
      }
      if (stored.length > 0) options.onStored();
      return reply.code(200).send({ status: 'received' });
    },
  );
};

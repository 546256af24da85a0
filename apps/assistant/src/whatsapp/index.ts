/** The WhatsApp Cloud API channel of the assistant service. */
export { BackgroundTasks, type WhatsAppWebhookHandle } from './background-tasks.js';
export { CANNED_REPLIES } from './canned-replies.js';
export type { ConversationEngine } from '../conversation-engine.js';
export {
  GraphApiClient,
  type GraphApiClientOptions,
  type GraphApiError,
  type SendTextResult,
} from './graph-api-client.js';
export type { ProcessedMessages } from './processed-messages.js';
export type { SenderDirectory } from './sender-directory.js';
export { parseWhatsAppConfig, WHATSAPP_ENV_VARS, type WhatsAppConfig, WhatsAppConfigError } from './whatsapp-config.js';
export { webhookPayloadSchema, type WebhookPayload } from './webhook-payload.js';
export { isValidWebhookSignature, webhookSignature } from './webhook-signature.js';
export { WHATSAPP_WEBHOOK_PATH, whatsappWebhook, type WhatsAppWebhookOptions } from './whatsapp-webhook.js';

/** The WhatsApp Cloud API channel of the assistant service. */

export type { ConversationEngine } from '../conversation/conversation-engine.js';
export { CANNED_REPLIES } from './canned-replies.js';
export {
  GraphApiClient,
  type GraphApiClientOptions,
  type GraphApiError,
  type SendTextResult,
} from './graph-api-client.js';
export { InboundInbox, type InboxEntry, type InboxMessage } from './inbound-inbox.js';
export { InboundMessageProcessor, type InboundMessageProcessorDeps } from './inbound-message-processor.js';
export { InboxWorker, type InboxWorkerOptions, type WhatsAppWebhookHandle } from './inbox-worker.js';
export { capMessageText, WHATSAPP_TEXT_LIMIT } from './message-text-limit.js';
export { OutboundReplyLog, type RecordedReply } from './outbound-reply-log.js';
export { ReplyDeliveryError, type ReplyDeliveryErrorCode } from './reply-delivery-error.js';
export type { SenderDirectory } from './sender-directory.js';
export { UnknownSenderNotices } from './unknown-sender-notices.js';
export { type WebhookPayload, webhookPayloadSchema } from './webhook-payload.js';
export { isValidWebhookSignature, webhookSignature } from './webhook-signature.js';
export { parseWhatsAppConfig, WHATSAPP_ENV_VARS, type WhatsAppConfig, WhatsAppConfigError } from './whatsapp-config.js';
export { WHATSAPP_WEBHOOK_PATH, type WhatsAppWebhookOptions, whatsappWebhook } from './whatsapp-webhook.js';

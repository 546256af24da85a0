import { createHmac } from 'node:crypto';

/** A webhook request body and the headers Meta would send with it. */
export interface SignedWebhook {
  body: string;
  headers: { 'content-type': string; 'x-hub-signature-256': string };
}

/**
 * Serialises `payload` (a string is used as is) and signs its UTF-8 bytes with `appSecret` like Meta:
 * `X-Hub-Signature-256: sha256=<hex HMAC-SHA256>`. With `escapeNonAscii`, every non-ASCII character is
 * written as a `\uXXXX` escape, as Meta does in practice.
 */
export function signedWebhook(appSecret: string, payload: unknown, options: { escapeNonAscii?: boolean } = {}): SignedWebhook {
  let body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  if (options.escapeNonAscii === true) body = escapeNonAscii(body);
  const signature = createHmac('sha256', appSecret).update(body, 'utf8').digest('hex');
  return { body, headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${signature}` } };
}

/** Writes each UTF-16 code unit above U+007E as `\uXXXX` (emoji become surrogate pairs), as JSON allows. */
export function escapeNonAscii(json: string): string {
  return json.replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export const WABA_ID = '102290129340398';
export const DISPLAY_PHONE_NUMBER = '34910000000';

interface NotificationOptions {
  phoneNumberId: string;
  /** Sender profile name (default "Cliente"). */
  name?: string;
}

/** Meta's notification envelope around one `messages` change value. */
export function notification(value: Record<string, unknown>): Record<string, unknown> {
  return {
    object: 'whatsapp_business_account',
    entry: [{ id: WABA_ID, changes: [{ value, field: 'messages' }] }],
  };
}

function metadata(phoneNumberId: string) {
  return { display_phone_number: DISPLAY_PHONE_NUMBER, phone_number_id: phoneNumberId };
}

function unixSeconds(): string {
  return String(Math.floor(Date.now() / 1000));
}

/** A message of any type from `from`, e.g. `{type: 'image', image: {...}}`. */
export interface MessageSpec {
  from: string;
  id: string;
  type: string;
  [key: string]: unknown;
}

/** A notification carrying `messages` (all from contacts listed in `contacts`), per Meta's documented shape. */
export function messagesPayload(messages: MessageSpec[], options: NotificationOptions): Record<string, unknown> {
  const senders = [...new Set(messages.map((message) => message.from))];
  return notification({
    messaging_product: 'whatsapp',
    metadata: metadata(options.phoneNumberId),
    contacts: senders.map((waId) => ({ profile: { name: options.name ?? 'Cliente' }, wa_id: waId })),
    messages: messages.map((message) => ({ timestamp: unixSeconds(), ...message })),
  });
}

/** A notification of one text message, per Meta's documented shape. */
export function textMessagePayload(options: { from: string; id: string; body: string; name?: string; phoneNumberId: string }): Record<string, unknown> {
  return messagesPayload([{ from: options.from, id: options.id, type: 'text', text: { body: options.body } }], {
    phoneNumberId: options.phoneNumberId,
    ...(options.name === undefined ? {} : { name: options.name }),
  });
}

/** A text message spec, for {@link messagesPayload}. */
export function textMessage(from: string, id: string, body: string): MessageSpec {
  return { from, id, type: 'text', text: { body } };
}

/** A `statuses` notification (delivery receipt of a message the business sent), per Meta's documented shape. */
export function statusesPayload(options: {
  recipientId: string;
  messageId: string;
  status?: 'sent' | 'delivered' | 'read' | 'failed';
  phoneNumberId: string;
}): Record<string, unknown> {
  return notification({
    messaging_product: 'whatsapp',
    metadata: metadata(options.phoneNumberId),
    statuses: [
      {
        id: options.messageId,
        status: options.status ?? 'delivered',
        timestamp: unixSeconds(),
        recipient_id: options.recipientId,
        conversation: {
          id: 'CONVERSATION_ID',
          origin: { type: 'service' },
        },
        pricing: { billable: true, pricing_model: 'CBP', category: 'service' },
      },
    ],
  });
}

let sequence = 0;

/** A fresh `wamid.…` message id. */
export function newMessageId(): string {
  sequence += 1;
  return `wamid.HBgLMzQ2MDAxMTEyMjIVAgASGBQz${Date.now().toString(36)}${sequence}`;
}

import type { FastifyBaseLogger } from 'fastify';
import type { InboxEntry } from './inbound-inbox.js';
import { readMessageContent } from './message-content.js';
import { capMessageText, WHATSAPP_TEXT_LIMIT } from './message-text-limit.js';
import { isMessagesChange, type MessagesValue, type WebhookPayload } from './webhook-payload.js';

/**
 * The inbound messages of a verified notification, as the inbox stores them: only those received by
 * `phoneNumberId` (the business number that answers), each text cut to WhatsApp's 4,096 characters before
 * anything else reads it. Delivery statuses and errors in the notification are logged, not stored.
 */
export function inboxEntriesOf(payload: WebhookPayload, phoneNumberId: string, log: FastifyBaseLogger): InboxEntry[] {
  const entries: InboxEntry[] = [];
  for (const entry of payload.entry) {
    for (const change of entry.changes) {
      if (!isMessagesChange(change)) {
        log.debug({ field: change.field }, 'Ignoring WhatsApp webhook change');
        continue;
      }
      const value = change.value;
      if (value.metadata.phone_number_id !== phoneNumberId) {
        log.warn({ phoneNumberId: value.metadata.phone_number_id }, 'Ignoring WhatsApp notification for another phone number id');
        continue;
      }
      logStatuses(value, log);
      for (const error of value.errors ?? []) {
        log.warn({ code: error.code, title: error.title }, 'WhatsApp webhook reported an error');
      }
      for (const message of value.messages ?? []) {
        const content = readMessageContent(message);
        let body: string | null = null;
        if (content.kind === 'text') {
          const capped = capMessageText(content.text);
          if (capped.truncated) {
            log.warn(
              { waId: message.from, messageId: message.id, length: capped.originalLength },
              `WhatsApp text of ${capped.originalLength} characters truncated to ${WHATSAPP_TEXT_LIMIT} characters`,
            );
          }
          body = capped.text;
        }
        entries.push({ messageId: message.id, sender: message.from, type: message.type, body, needsAnswer: content.kind !== 'ignored' });
      }
    }
  }
  return entries;
}

function logStatuses(value: MessagesValue, log: FastifyBaseLogger): void {
  for (const status of value.statuses ?? []) {
    const details = { messageId: status.id, status: status.status, recipient: status.recipient_id };
    if (status.status === 'failed') {
      log.warn({ ...details, errors: status.errors?.map((error) => ({ code: error.code, title: error.title })) }, 'WhatsApp message delivery failed');
    } else {
      log.debug(details, 'WhatsApp message status');
    }
  }
}

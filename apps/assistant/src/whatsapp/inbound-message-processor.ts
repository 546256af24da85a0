import type { FastifyBaseLogger } from 'fastify';
import { CANNED_REPLIES } from './canned-replies.js';
import type { ConversationEngine } from '../conversation-engine.js';
import type { GraphApiClient } from './graph-api-client.js';
import { readMessageContent } from './message-content.js';
import type { ProcessedMessages } from './processed-messages.js';
import type { SenderDirectory } from './sender-directory.js';
import { SenderQueue } from './sender-queue.js';
import {
  isMessagesChange,
  type InboundMessage,
  type MessagesValue,
  type WebhookPayload,
} from './webhook-payload.js';

/** What {@link InboundMessageProcessor} needs. */
export interface InboundMessageProcessorDeps {
  engine: ConversationEngine;
  senders: SenderDirectory;
  processed: ProcessedMessages;
  graph: Pick<GraphApiClient, 'sendText'>;
  /** Only messages received by this business number are answered (they are answered from it). */
  phoneNumberId: string;
}

/**
 * Turns a verified webhook notification into replies: deduplicates each message by id, identifies the
 * customer from the sender's number, asks the conversation engine and sends its replies in order.
 * Messages of one sender are handled one at a time in arrival order; different senders concurrently.
 */
export class InboundMessageProcessor {
  readonly #deps: InboundMessageProcessorDeps;
  readonly #queue = new SenderQueue();

  constructor(deps: InboundMessageProcessorDeps) {
    this.#deps = deps;
  }

  /** Handles every message of `payload`; resolves when all of them are done. Never rejects. */
  async process(payload: WebhookPayload, log: FastifyBaseLogger): Promise<void> {
    const jobs: Promise<void>[] = [];
    for (const entry of payload.entry) {
      for (const change of entry.changes) {
        if (!isMessagesChange(change)) {
          log.debug({ field: change.field }, 'Ignoring WhatsApp webhook change');
          continue;
        }
        const value = change.value;
        if (value.metadata.phone_number_id !== this.#deps.phoneNumberId) {
          log.warn(
            { phoneNumberId: value.metadata.phone_number_id },
            'Ignoring WhatsApp notification for another phone number id',
          );
          continue;
        }
        this.#logStatuses(value, log);
        for (const error of value.errors ?? []) {
          log.warn({ code: error.code, title: error.title }, 'WhatsApp webhook reported an error');
        }
        for (const message of value.messages ?? []) {
          const messageLog = log.child({ waId: message.from, messageId: message.id });
          jobs.push(
            this.#queue
              .enqueue(message.from, () => this.#handleMessage(message, messageLog))
              .catch((error: unknown) => {
                messageLog.error({ err: error }, 'Failed to handle WhatsApp message');
              }),
          );
        }
      }
    }
    await Promise.all(jobs);
  }

  async #handleMessage(message: InboundMessage, log: FastifyBaseLogger): Promise<void> {
    const { engine, senders, processed } = this.#deps;
    if (!(await processed.markIfNew(message.id))) {
      log.info('Duplicate WhatsApp message ignored');
      return;
    }

    const content = readMessageContent(message);
    if (content.kind === 'ignored') {
      log.debug({ type: message.type }, 'WhatsApp message needs no answer');
      return;
    }

    const sender = await senders.findBySender(message.from);
    if (sender === undefined) {
      log.info('WhatsApp message from an unknown number');
      await this.#send(message.from, [CANNED_REPLIES.unknownSender], log);
      return;
    }
    const customerLog = log.child({ customerId: sender.customerId });

    if (content.kind === 'unsupported') {
      customerLog.info({ type: message.type }, 'Unsupported WhatsApp message type');
      await this.#send(message.from, [CANNED_REPLIES.unsupportedMessage], customerLog);
      return;
    }

    customerLog.info('WhatsApp message received');
    let replies: string[];
    try {
      replies = await engine.reply(sender.customerId, content.text);
    } catch (error) {
      customerLog.error({ err: error }, 'Conversation engine failed on a WhatsApp message');
      await this.#send(message.from, [CANNED_REPLIES.engineFailure], customerLog);
      return;
    }
    await this.#send(message.from, replies, customerLog);
  }

  /** Sends `replies` in order; stops at the first one that could not be delivered (already logged). */
  async #send(to: string, replies: readonly string[], log: FastifyBaseLogger): Promise<void> {
    let sent = 0;
    for (const reply of replies) {
      if (reply.trim() === '') continue;
      const result = await this.#deps.graph.sendText(to, reply);
      if (!result.ok) {
        log.warn({ sent, total: replies.length }, 'Stopped sending WhatsApp replies after a failure');
        return;
      }
      sent += 1;
    }
    log.info({ sent }, 'WhatsApp replies sent');
  }

  #logStatuses(value: MessagesValue, log: FastifyBaseLogger): void {
    for (const status of value.statuses ?? []) {
      const details = { messageId: status.id, status: status.status, recipient: status.recipient_id };
      if (status.status === 'failed') {
        log.warn(
          { ...details, errors: status.errors?.map((error) => ({ code: error.code, title: error.title })) },
          'WhatsApp message delivery failed',
        );
      } else {
        log.debug(details, 'WhatsApp message status');
      }
    }
  }
}

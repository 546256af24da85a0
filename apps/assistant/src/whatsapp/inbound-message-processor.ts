import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { ConversationEngine } from '../conversation/conversation-engine.js';
import type { AssistantDatabaseSchema } from '../db/schema.js';
import { CANNED_REPLIES } from './canned-replies.js';
import type { GraphApiClient } from './graph-api-client.js';
import type { InboxMessage } from './inbound-inbox.js';
import { OutboundReplyLog, type RecordedReply } from './outbound-reply-log.js';
import { ReplyDeliveryError } from './reply-delivery-error.js';
import type { SenderDirectory } from './sender-directory.js';
import { UnknownSenderNotices } from './unknown-sender-notices.js';

/** What {@link InboundMessageProcessor} needs. */
export interface InboundMessageProcessorDeps {
  db: Kysely<AssistantDatabaseSchema>;
  engine: ConversationEngine;
  senders: SenderDirectory;
  graph: Pick<GraphApiClient, 'sendText'>;
  clock: () => Date;
}

/**
 * Turns one claimed inbox message into replies: identifies the customer from the sender's number, asks the
 * conversation engine (or picks a canned reply), records the replies and sends them in order, each at most
 * once. A message picked up again (after a crash or a failed send) resumes from its recorded replies instead
 * of asking the engine twice.
 */
export class InboundMessageProcessor {
  readonly #deps: InboundMessageProcessorDeps;
  readonly #replies: OutboundReplyLog;

  constructor(deps: InboundMessageProcessorDeps) {
    this.#deps = deps;
    this.#replies = new OutboundReplyLog(deps.db);
  }

  /**
   * Handles `message` until every reply is sent (or given up as `unknown`). Throws when the engine fails
   * or a reply could not be delivered ({@link ReplyDeliveryError}); the worker decides about retrying.
   */
  async handle(message: InboxMessage, log: FastifyBaseLogger): Promise<void> {
    let replies = await this.#replies.list(message.messageId);
    if (replies.length > 0) {
      log.info({ attempt: message.attempts }, 'Resuming the WhatsApp replies recorded by an earlier attempt');
    } else {
      replies = await this.#compose(message, log);
    }
    await this.#send(replies, log);
  }

  /** Records and sends the canned apology for a message given up; at most once, like every reply. */
  async apologize(message: InboxMessage, log: FastifyBaseLogger): Promise<void> {
    const replies = await this.#replies.record(message.messageId, message.sender, [CANNED_REPLIES.engineFailure], this.#deps.clock());
    await this.#send(replies, log);
  }

  /** Decides the replies and records them (before any is sent). */
  async #compose(message: InboxMessage, log: FastifyBaseLogger): Promise<RecordedReply[]> {
    const { db, engine, senders, clock } = this.#deps;
    const sender = await senders.findBySender(message.sender);
    if (sender === undefined) {
      // The 24 h notice and the recorded reply are one transaction: both or neither.
      return db.transaction().execute(async (trx) => {
        if (!(await new UnknownSenderNotices(trx).claim(message.sender, clock()))) {
          log.info('WhatsApp message from an unknown number, already told within 24 h: not answered');
          return [];
        }
        log.info('WhatsApp message from an unknown number');
        return new OutboundReplyLog(trx).record(message.messageId, message.sender, [CANNED_REPLIES.unknownSender], clock());
      });
    }
    const customerLog = log.child({ customerId: sender.customerId });
    if (message.body === null) {
      customerLog.info({ type: message.type }, 'Unsupported WhatsApp message type');
      return this.#replies.record(message.messageId, message.sender, [CANNED_REPLIES.unsupportedMessage], clock());
    }
    customerLog.info({ attempt: message.attempts }, 'WhatsApp message received');
    const texts = (await engine.reply(sender.customerId, message.body)).filter((text) => text.trim() !== '');
    return this.#replies.record(message.messageId, message.sender, texts, clock());
  }

  /** Sends the recorded replies still to send, in order; stops at the first that cannot be delivered. */
  async #send(replies: readonly RecordedReply[], log: FastifyBaseLogger): Promise<void> {
    let sent = 0;
    for (const reply of replies) {
      if (reply.status === 'sending') {
        await this.#replies.markUnknown(reply);
        log.warn({ ordinal: reply.ordinal }, 'WhatsApp reply was being sent when the process stopped; it may have arrived, so it is not sent again (at most once)');
        continue;
      }
      if (reply.status !== 'pending') continue;
      if (!(await this.#replies.markSending(reply))) continue;
      const result = await this.#deps.graph.sendText(reply.recipient, reply.text);
      if (result.ok) {
        await this.#replies.markSent(reply, result.messageId, this.#deps.clock());
        sent += 1;
        continue;
      }
      const details = { ordinal: reply.ordinal, sent, total: replies.length, status: result.status };
      if (result.delivery === 'unknown') {
        await this.#replies.markUnknown(reply);
        log.warn(details, 'WhatsApp reply outcome unknown; it is not sent again (at most once)');
        throw new ReplyDeliveryError('whatsapp_reply_outcome_unknown', `reply ${reply.ordinal}: ${result.error.message}`);
      }
      const permanent = result.status !== undefined && result.status < 500 && result.status !== 429;
      if (permanent) {
        await this.#replies.markFailed(reply);
        log.warn(details, 'WhatsApp reply refused by the Graph API');
        throw new ReplyDeliveryError('whatsapp_reply_refused', `reply ${reply.ordinal}: ${result.error.message}`);
      }
      await this.#replies.markNotSent(reply);
      log.warn(details, 'WhatsApp reply not sent; the message will be tried again');
      throw new ReplyDeliveryError('whatsapp_reply_not_sent', `reply ${reply.ordinal}: ${result.error.message}`);
    }
    log.info({ sent }, 'WhatsApp replies sent');
  }
}

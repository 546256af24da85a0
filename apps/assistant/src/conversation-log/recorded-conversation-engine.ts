import type { ConversationEngine } from '../conversation/conversation-engine.js';
import type { ConversationChannel, ConversationLog } from './conversation-log.js';

/** What {@link recordedConversation} needs besides the engine. */
export interface RecordedConversationOptions {
  readonly log: ConversationLog;
  readonly channel: ConversationChannel;
  readonly clock?: () => Date;
  /** Told when the message could not be recorded (the customer still gets the replies). */
  readonly onError?: (err: unknown) => void;
}

/**
 * The engine as a channel uses it, with every customer message and its replies written to the
 * conversation log: the one place the WhatsApp processor and the admin's chat simulator both go through
 * (each gets its own wrapper, naming its channel). A failed engine call records nothing.
 */
export function recordedConversation(engine: ConversationEngine, options: RecordedConversationOptions): ConversationEngine {
  const clock = options.clock ?? (() => new Date());
  return {
    async reply(customerId, text) {
      const at = clock();
      const replies = await engine.reply(customerId, text);
      await options.log.recordTurn(customerId, options.channel, text, replies, at).catch((err: unknown) => options.onError?.(err));
      return replies;
    },
  };
}

import type { InboundMessage } from './webhook-payload.js';

/**
 * What the assistant makes of an inbound message:
 * - `text`: something to hand to the conversation engine;
 * - `unsupported`: a message it cannot read (image, audio, location…), answered with a polite notice;
 * - `ignored`: events that are not a turn of the conversation (reactions, system notices), not answered.
 */
export type MessageContent = { kind: 'text'; text: string } | { kind: 'unsupported' } | { kind: 'ignored' };

const IGNORED_TYPES = new Set(['reaction', 'system', 'request_welcome', 'ephemeral']);

/**
 * Reads the text of a message: `text.body`, or the title of a tapped interactive button / list row, or
 * the text of a template quick-reply button.
 */
export function readMessageContent(message: InboundMessage): MessageContent {
  switch (message.type) {
    case 'text':
      return message.text === undefined ? { kind: 'unsupported' } : { kind: 'text', text: message.text.body };
    case 'interactive': {
      const title = message.interactive?.button_reply?.title ?? message.interactive?.list_reply?.title;
      return title === undefined ? { kind: 'unsupported' } : { kind: 'text', text: title };
    }
    case 'button':
      return message.button === undefined ? { kind: 'unsupported' } : { kind: 'text', text: message.button.text };
    default:
      return IGNORED_TYPES.has(message.type) ? { kind: 'ignored' } : { kind: 'unsupported' };
  }
}

import type { ConversationEngine } from '../../src/conversation/conversation-engine.js';

/** A conversation engine that records its calls and answers `eco: <text>` unless told otherwise. */
export class FakeConversationEngine implements ConversationEngine {
  readonly calls: { customerId: string; text: string }[] = [];
  respond: (customerId: string, text: string) => Promise<string[]> = async (_customerId, text) => [`eco: ${text}`];

  async reply(customerId: string, text: string): Promise<string[]> {
    this.calls.push({ customerId, text });
    return this.respond(customerId, text);
  }
}

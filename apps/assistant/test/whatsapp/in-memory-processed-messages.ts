import type { ProcessedMessages } from '../../src/whatsapp/processed-messages.js';

/** Processed message ids in memory. */
export class InMemoryProcessedMessages implements ProcessedMessages {
  readonly ids = new Set<string>();

  async markIfNew(messageId: string): Promise<boolean> {
    if (this.ids.has(messageId)) return false;
    this.ids.add(messageId);
    return true;
  }
}

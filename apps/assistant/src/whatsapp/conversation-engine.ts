/** The Spanish booking assistant as the WhatsApp channel sees it. */
export interface ConversationEngine {
  /** Handles one customer message; resolves to the Spanish replies to send, in order (possibly none). */
  reply(customerId: string, text: string): Promise<string[]>;
}

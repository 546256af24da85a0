/**
 * Anything that answers a customer's message (the embedded engine or the LLM one); the WhatsApp
 * channel, the admin's chat simulator and the terminal chat all go through it.
 */
export interface ConversationEngine {
  /** Handles one customer message; resolves to the Spanish replies to send, in order (possibly none). */
  reply(customerId: string, text: string): Promise<string[]>;
}

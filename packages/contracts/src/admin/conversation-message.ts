import { z } from 'zod';

/** One message of a customer's conversation with the assistant: `in` the customer wrote it, `out` the assistant answered. */
export const conversationMessageSchema = z.object({
  id: z.number().int(),
  direction: z.enum(['in', 'out']),
  /** Where it was written: WhatsApp, or the admin's chat simulator ("Probar asistente"). */
  channel: z.enum(['whatsapp', 'chat']),
  text: z.string(),
  at: z.string(),
});
/** A stored conversation message. */
export type ConversationMessage = z.infer<typeof conversationMessageSchema>;

/**
 * `GET /api/admin/customers/:id/conversation?page=`: one page of the customer's last 100 messages both ways,
 * newest first (`total` counts at most those 100).
 */
export const conversationPageSchema = z.object({
  items: z.array(conversationMessageSchema),
  total: z.number().int().min(0),
  page: z.number().int().min(1),
  page_size: z.number().int().min(1),
});
/** One page of a customer's conversation. */
export type ConversationPage = z.infer<typeof conversationPageSchema>;

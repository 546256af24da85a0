import { z } from 'zod';
import { customerIdSchema } from '../customer-id.js';

/** `POST /api/admin/chat` body: one message of the chat simulator, as if `customer_id` wrote it on WhatsApp. */
export const chatRequestSchema = z.object({
  customer_id: z.string({ error: 'Elige un cliente.' }).trim().min(1, 'Elige un cliente.').pipe(customerIdSchema),
  text: z.string({ error: 'Escribe un mensaje.' }).trim().min(1, 'Escribe un mensaje.').max(2000, 'El mensaje puede tener como máximo 2000 caracteres.'),
});
/** A chat simulator message. */
export type ChatRequest = z.infer<typeof chatRequestSchema>;

/** `POST /api/admin/chat` answer: the assistant's replies, in order (the same engine as WhatsApp). */
export const chatResponseSchema = z.object({ replies: z.array(z.string()) });
/** The chat simulator's answer. */
export type ChatResponse = z.infer<typeof chatResponseSchema>;

import { z } from 'zod';

/**
 * The customer-id rule's messages. Spanish: the admins see them beside "ID del Cliente" (the admin API
 * and its form), and they are the one wording of the rule on every service that checks it.
 */
export const customerIdMessages = {
  required: 'El ID del cliente es obligatorio.',
  tooLong: 'El ID del cliente puede tener como máximo 64 caracteres.',
  characters: 'El ID del cliente solo puede tener letras, números y . _ + - @ (sin espacios).',
} as const;

/**
 * The one customer-id rule, on every service: a customer's id as the admin chose it (e.g.
 * `cliente-123`, a WhatsApp number or an email), 1–64 letters, digits and `._+-@`.
 */
export const customerIdSchema = z
  .string({ error: customerIdMessages.required })
  .min(1, customerIdMessages.required)
  .max(64, customerIdMessages.tooLong)
  .regex(/^[A-Za-z0-9._+@-]+$/, customerIdMessages.characters);

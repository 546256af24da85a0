import { z } from 'zod';

/**
 * A customer's id as the admin chose it (e.g. `cliente-123`, a WhatsApp number or an email):
 * 1–64 letters, digits and `._+-@`.
 */
export const customerIdSchema = z
  .string()
  .min(1, 'customer_id is required')
  .max(64, 'customer_id must be at most 64 characters')
  .regex(/^[A-Za-z0-9._+@-]+$/, 'customer_id may only contain letters, digits and . _ + - @');

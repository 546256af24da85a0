import { z } from 'zod';
import { customerIdSchema } from '../customer-id.js';

/** `POST /oauth/authorize` body. `delivery: "link"` makes a link that lives 7 days, to send to the customer. */
export const authorizeRequestSchema = z.object({
  customer_id: customerIdSchema,
  email: z.email('email must be a valid email address').max(254),
  name: z.string().trim().max(200).optional(),
  delivery: z.enum(['popup', 'link']).default('popup'),
});
export type AuthorizeRequest = z.infer<typeof authorizeRequestSchema>;

/** `POST /oauth/authorize` response. */
export interface AuthorizeResponse {
  authorization_url: string;
  state: string;
  expires_at: string;
}

/** Path parameters of the per-customer routes. */
export const customerParamsSchema = z.object({ customer_id: customerIdSchema });
export type CustomerParams = z.infer<typeof customerParamsSchema>;

/** How long a state stays valid, by delivery. */
export const STATE_TTL_MS = { popup: 10 * 60_000, link: 7 * 24 * 3600_000 } as const;

import { z } from 'zod';
import { customerIdSchema } from './customer-id.js';

/** `POST /oauth/authorize` body. `delivery: "link"` makes a link that lives 7 days, to send to the customer. */
export const authorizeRequestSchema = z.object({
  customer_id: customerIdSchema,
  email: z.email('email must be a valid email address').max(254),
  name: z.string().trim().max(200).optional(),
  delivery: z.enum(['popup', 'link']).default('popup'),
});
export type AuthorizeRequest = z.infer<typeof authorizeRequestSchema>;

/** `POST /oauth/authorize` response. */
export const authorizeResponseSchema = z.object({
  authorization_url: z.string(),
  state: z.string(),
  expires_at: z.string(),
});
export type AuthorizeResponse = z.infer<typeof authorizeResponseSchema>;

/** `GET /oauth/status/:customer_id` response. */
export const connectionStatusSchema = z.object({
  customer_id: z.string(),
  status: z.enum(['connected', 'not_connected', 'needs_reauth']),
  email: z.string().nullable(),
  scopes: z.array(z.string()),
  connected_at: z.string().nullable(),
  /**
   * Other customers connected to the same Google account (same `sub`, or the same email for older
   * connections): they book into one calendar, so the admin can warn before connecting it twice.
   */
  also_connected_for: z.array(z.string()).default([]),
});
export type ConnectionStatus = z.infer<typeof connectionStatusSchema>;

/**
 * `DELETE /oauth/connections/:customer_id` (disconnect) and `DELETE /oauth/customers/:customer_id`
 * (the customer was deleted: disconnect and forget) response.
 */
export const disconnectResponseSchema = z.object({
  customer_id: z.string(),
  /** Whether there was a connection to delete. */
  disconnected: z.boolean(),
  /** Whether Google confirmed the revocation (best effort: the tokens are deleted either way). */
  revoked: z.boolean(),
  /** How many outstanding authorization links/popups of the customer were invalidated. */
  authorizations_revoked: z.number().int().min(0).default(0),
});
export type DisconnectResponse = z.infer<typeof disconnectResponseSchema>;

/** `POST /oauth/statuses` body: the statuses of up to 100 customers in one call (a page of the admin list). */
export const statusesRequestSchema = z.object({
  customer_ids: z.array(customerIdSchema).max(100, 'at most 100 customer_ids per call'),
});
export type StatusesRequest = z.infer<typeof statusesRequestSchema>;

/** `POST /oauth/statuses` response, in the order asked. */
export const statusesResponseSchema = z.object({ statuses: z.array(connectionStatusSchema) });
export type StatusesResponse = z.infer<typeof statusesResponseSchema>;

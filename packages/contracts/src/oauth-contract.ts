import { z } from 'zod';
import { customerFieldMessages } from './admin/customer-fields.js';
import { customerIdSchema } from './customer-id.js';

/** How an authorization link reaches the customer: `popup` in the admin's browser, or `link`, sent to them (lives 7 days). */
export const deliverySchema = z.enum(['popup', 'link'], { error: 'delivery debe ser «popup» o «link».' }).default('popup');
/** A delivery. */
export type Delivery = z.output<typeof deliverySchema>;

/** `POST /oauth/authorize` body. `delivery: "link"` makes a link that lives 7 days, to send to the customer. */
export const authorizeRequestSchema = z.object({
  customer_id: customerIdSchema,
  email: z.email(customerFieldMessages.emailInvalid).max(254, 'El email es demasiado largo.'),
  name: z.string().trim().max(200).optional(),
  delivery: deliverySchema,
});
export type AuthorizeRequest = z.infer<typeof authorizeRequestSchema>;

/** `POST /oauth/authorize` response. */
export const authorizeResponseSchema = z.object({
  authorization_url: z.string(),
  state: z.string(),
  expires_at: z.string(),
});
export type AuthorizeResponse = z.infer<typeof authorizeResponseSchema>;

/** Path parameters of the calendar server's per-customer routes (`/oauth/status/:customer_id`, `/oauth/connections/:customer_id`…). */
export const oauthCustomerParamsSchema = z.object({ customer_id: customerIdSchema });
/** Those path parameters. */
export type OAuthCustomerParams = z.infer<typeof oauthCustomerParamsSchema>;

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
  customer_ids: z.array(customerIdSchema).max(100, 'Como máximo 100 customer_ids por llamada.'),
});
export type StatusesRequest = z.infer<typeof statusesRequestSchema>;

/** `POST /oauth/statuses` response, in the order asked. */
export const statusesResponseSchema = z.object({ statuses: z.array(connectionStatusSchema) });
export type StatusesResponse = z.infer<typeof statusesResponseSchema>;

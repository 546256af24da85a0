import { z } from 'zod';
import { deliverySchema } from '../oauth-contract.js';
import { customerFieldMessages } from './customer-fields.js';

/**
 * `POST /api/admin/customers/:id/calendar/connect` body: `email` corrects the customer's email first
 * (the Google account must match it); `delivery` says whether the link opens in the admin's popup or is
 * sent to the customer (then it lives 7 days).
 */
export const connectCalendarRequestSchema = z.object({
  email: z.email(customerFieldMessages.emailInvalid).optional(),
  delivery: deliverySchema,
});
/** The connect body as the admin sends it. */
export type ConnectCalendarRequest = z.input<typeof connectCalendarRequestSchema>;

/** `POST /api/admin/customers/:id/calendar/connect` answer: the Google authorization URL and until when it works. */
export const authorizationLinkSchema = z.object({
  authorization_url: z.url({ protocol: /^https?$/ }),
  expires_at: z.string(),
});
/** An authorization link. */
export type AuthorizationLink = z.infer<typeof authorizationLinkSchema>;

import { z } from 'zod';

/** What the OAuth callback page posts to the admin page that opened its popup when the calendar got connected. */
export const calendarConnectedMessageSchema = z.object({
  type: z.literal('agendo:calendar-connected'),
  customer_id: z.string(),
  /** The Google account that was connected. */
  email: z.string(),
  /** Other customers connected to the same Google account, when the page knows them. */
  also_connected_for: z.array(z.string()).optional(),
});
/** A "connected" popup message. */
export type CalendarConnectedMessage = z.infer<typeof calendarConnectedMessageSchema>;

/** What the OAuth callback page posts when the authorization failed; nothing was stored. */
export const calendarErrorMessageSchema = z.object({
  type: z.literal('agendo:calendar-error'),
  /** Absent when the page could not tell whose authorization it was (an unknown state). */
  customer_id: z.string().optional(),
  /** Why, as a stable code (`access_denied`, `email_mismatch`, `state_expired`…). */
  reason: z.string().min(1),
  /** The page's Spanish title, to show the admin. */
  message: z.string().min(1),
});
/** A "failed" popup message. */
export type CalendarErrorMessage = z.infer<typeof calendarErrorMessageSchema>;

/**
 * The OAuth popup's `postMessage` to `window.opener`: the calendar server's callback page sends it, the
 * admin's page parses it with this schema (anything else posted to the window is ignored).
 */
export const calendarPopupMessageSchema = z.discriminatedUnion('type', [calendarConnectedMessageSchema, calendarErrorMessageSchema]);
/** A popup message. */
export type CalendarPopupMessage = z.infer<typeof calendarPopupMessageSchema>;

import { z } from 'zod';

/** What happened to a customer, as the audit table `activity_log` keeps it. */
export const activityKindSchema = z.enum(['connected', 'disconnected', 'booked', 'moved', 'cancelled', 'reminded']);
/** An activity kind. */
export type ActivityKind = z.infer<typeof activityKindSchema>;

/** Who did it: an admin in the panel, the customer (in the chat, or through their link), or the assistant on its own. */
export const activityActorSchema = z.enum(['admin', 'customer', 'assistant']);
/** An activity's actor. */
export type ActivityActor = z.infer<typeof activityActorSchema>;

/** One entry of a customer's activity log. */
export const activityEntrySchema = z.object({
  id: z.number().int(),
  kind: activityKindSchema,
  actor: activityActorSchema,
  /** The booking concerned, when there is one. */
  booking_id: z.string().nullable(),
  /** The booking's start (its new start when moved), when there is one. */
  booking_start: z.string().nullable(),
  at: z.string(),
});
/** An activity log entry. */
export type ActivityEntry = z.infer<typeof activityEntrySchema>;

/** `GET /api/admin/customers/:id/activity?page=`: one page of the customer's activity log, newest first. */
export const activityPageSchema = z.object({
  items: z.array(activityEntrySchema),
  total: z.number().int().min(0),
  page: z.number().int().min(1),
  page_size: z.number().int().min(1),
});
/** One page of the activity log. */
export type ActivityPage = z.infer<typeof activityPageSchema>;

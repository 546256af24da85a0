import { z } from 'zod';
import { connectionStatusSchema } from '../oauth-contract.js';

/** A customer of customer_memory, as the admin API answers a create or an edit. */
export const customerSchema = z.object({
  customer_id: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  /** The WhatsApp number, digits only (E.164 without `+`). */
  phone: z.string().nullable(),
  /** IANA zone the assistant talks in; null: the calendar's. */
  time_zone: z.string().nullable(),
  /** What the assistant learned: the length the customer usually books. */
  preferred_duration_minutes: z.number().int().nullable(),
  /** Minutes before each booking its WhatsApp reminder goes out; null: `REMINDER_LEAD_MINUTES`; 0: no reminders. */
  reminder_lead_minutes: z.number().int().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});
/** A stored customer. */
export type Customer = z.infer<typeof customerSchema>;

/** A customer with their calendar connection (`GET /api/admin/customers/:id`, the list's items); `calendar` is null when the calendar server could not tell. */
export const customerWithCalendarSchema = customerSchema.extend({ calendar: connectionStatusSchema.nullable() });
/** A customer as the admin's pages show them. */
export type CustomerWithCalendar = z.infer<typeof customerWithCalendarSchema>;

/** `GET /api/admin/customers`: one page of the (searched) customer list, newest first. */
export const customerPageSchema = z.object({
  items: z.array(customerWithCalendarSchema),
  total: z.number().int().min(0),
  page: z.number().int().min(1),
  page_size: z.number().int().min(1),
});
/** One page of the customer list. */
export type CustomerPage = z.infer<typeof customerPageSchema>;

/** `DELETE /api/admin/customers/:id`: the customer is gone, their calendar disconnected first. */
export const customerDeletedSchema = z.object({
  deleted: z.literal(true),
  /** Whether there was a calendar connection to remove. */
  calendar_disconnected: z.boolean(),
});
/** The answer to a deletion. */
export type CustomerDeleted = z.infer<typeof customerDeletedSchema>;

import { z } from 'zod';

/** One WhatsApp reminder of a booking the assistant made, as the admin's customer page shows it. */
export const customerReminderSchema = z.object({
  booking_id: z.string(),
  booking_start: z.string(),
  /** When it is (or was) due. */
  due_at: z.string(),
  /** `pending` (to be sent), `sending`, `sent`, `unknown` (may have gone out), `cancelled`, `failed`. */
  status: z.enum(['pending', 'sending', 'sent', 'unknown', 'cancelled', 'failed']),
  sent_at: z.string().nullable(),
  /** The text the customer read, once sent. */
  text: z.string().nullable(),
  /** Why it was not (or will not be) sent, when it says. */
  last_error: z.string().nullable(),
});
/** A customer's reminder. */
export type CustomerReminder = z.infer<typeof customerReminderSchema>;

/** `GET /api/admin/customers/:id/reminders`: every reminder of the customer, latest booking first. */
export const customerRemindersSchema = z.object({ items: z.array(customerReminderSchema) });
/** A customer's reminders. */
export type CustomerReminders = z.infer<typeof customerRemindersSchema>;

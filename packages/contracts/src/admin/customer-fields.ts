import { z } from 'zod';
import { customerIdMessages, customerIdSchema } from '../customer-id.js';
import { SENDER_DIGITS, stripPhoneFormatting } from '../whatsapp-number.js';

/**
 * The admin API's field messages that the admin's form also shows on its own (before calling the API):
 * one wording on both ends. Spanish: the admins see them beside each field.
 */
export const customerFieldMessages = {
  emailRequired: 'El email del cliente es obligatorio.',
  emailInvalid: 'Escribe un email válido, por ejemplo cliente@ejemplo.com.',
  phoneInvalid: 'Escribe el número de WhatsApp con código de país, por ejemplo +52 55 1234 5678.',
  reminderLeadInvalid: 'Escribe un número entero de minutos entre 0 y 10080 (7 días), o déjalo vacío.',
} as const;

/** A customer id as typed in a form: surrounding spaces dropped, then the one customer-id rule. */
export const typedCustomerIdSchema = z.string({ error: customerIdMessages.required }).trim().pipe(customerIdSchema);

const email = z
  .string({ error: customerFieldMessages.emailRequired })
  .trim()
  .min(1, customerFieldMessages.emailRequired)
  .max(254, 'El email es demasiado largo.')
  .pipe(z.email(customerFieldMessages.emailInvalid))
  .transform((v) => v.toLowerCase());

const name = z
  .string()
  .trim()
  .max(120, 'El nombre puede tener como máximo 120 caracteres.')
  .transform((v) => (v === '' ? null : v))
  .nullable()
  .optional();

/**
 * A WhatsApp number: spaces, dashes, dots, parentheses and a leading + are dropped; 8–15 digits remain
 * (E.164). An empty field means "no phone"; anything typed (even just "+" or "00") must be a whole number.
 */
const phone = z
  .string()
  .trim()
  .transform((typed) => ({ typed, digits: stripPhoneFormatting(typed) }))
  .refine(({ typed, digits }) => typed === '' || SENDER_DIGITS.test(digits), customerFieldMessages.phoneInvalid)
  .transform(({ typed, digits }) => (typed === '' ? null : digits))
  .nullable()
  .optional();

const timeZone = z
  .string()
  .trim()
  .refine((v) => {
    if (v === '') return true;
    try {
      new Intl.DateTimeFormat('en', { timeZone: v });
      return true;
    } catch {
      return false;
    }
  }, 'Zona horaria no válida; usa un nombre como America/Mexico_City o Europe/Madrid.')
  .transform((v) => (v === '' ? null : v))
  .nullable()
  .optional();

/** The highest per-customer reminder lead: 7 days, in minutes. */
export const MAX_REMINDER_LEAD_MINUTES = 10_080;

/**
 * A customer's own reminder lead in minutes (0–10080); null: `REMINDER_LEAD_MINUTES`; 0: no reminders for
 * this customer.
 */
const reminderLead = z
  .number({ error: customerFieldMessages.reminderLeadInvalid })
  .int(customerFieldMessages.reminderLeadInvalid)
  .min(0, customerFieldMessages.reminderLeadInvalid)
  .max(MAX_REMINDER_LEAD_MINUTES, customerFieldMessages.reminderLeadInvalid)
  .nullable()
  .optional();

/** `POST /api/admin/customers`: the body of "Agregar Cliente". */
export const newCustomerSchema = z.object({ customer_id: typedCustomerIdSchema, email, name, phone, time_zone: timeZone, reminder_lead_minutes: reminderLead });
/** A new customer as the assistant stores it (email lowercased, phone reduced to digits, blanks null). */
export type NewCustomer = z.output<typeof newCustomerSchema>;
/** A new customer as the admin sends it. */
export type NewCustomerInput = z.input<typeof newCustomerSchema>;

/** `PATCH /api/admin/customers/:id`: the body of an edit; every field optional, the id is not editable. */
export const customerChangesSchema = z.object({ email: email.optional(), name, phone, time_zone: timeZone, reminder_lead_minutes: reminderLead });
/** An edit as the assistant applies it. */
export type CustomerChanges = z.output<typeof customerChangesSchema>;
/** An edit as the admin sends it. */
export type CustomerChangesInput = z.input<typeof customerChangesSchema>;

/** Path parameter of the admin API's per-customer routes (`/api/admin/customers/:id…`). */
export const adminCustomerParamsSchema = z.object({ id: typedCustomerIdSchema });
/** Those path parameters, read. */
export type AdminCustomerParams = z.output<typeof adminCustomerParamsSchema>;

/** `GET /api/admin/customers` query: an optional search and the page. */
export const customerListQuerySchema = z.object({
  q: z.string().trim().max(100, 'La búsqueda puede tener como máximo 100 caracteres.').optional(),
  page: z.coerce.number({ error: 'page debe ser un número.' }).int().min(1, 'page empieza en 1.').default(1),
  page_size: z.coerce.number({ error: 'page_size debe ser un número.' }).int().min(1).max(100, 'page_size puede ser como máximo 100.').default(20),
});
/** The list query as the assistant reads it (defaults applied). */
export type CustomerListQuery = z.output<typeof customerListQuerySchema>;

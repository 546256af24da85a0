import { z } from 'zod';
import { SENDER_DIGITS, stripPhoneFormatting } from './sender-number.js';

/** Every admin-facing message here is Spanish: the admins see them beside each field. */
const customerId = z
  .string({ error: 'El ID del cliente es obligatorio.' })
  .trim()
  .min(1, 'El ID del cliente es obligatorio.')
  .max(64, 'El ID del cliente puede tener como máximo 64 caracteres.')
  .regex(/^[A-Za-z0-9._+@-]+$/, 'El ID del cliente solo puede tener letras, números y . _ + - @ (sin espacios).');

const email = z
  .string({ error: 'El email del cliente es obligatorio.' })
  .trim()
  .min(1, 'El email del cliente es obligatorio.')
  .max(254, 'El email es demasiado largo.')
  .pipe(z.email('Escribe un email válido, por ejemplo cliente@ejemplo.com.'))
  .transform((v) => v.toLowerCase());

const name = z
  .string()
  .trim()
  .max(120, 'El nombre puede tener como máximo 120 caracteres.')
  .transform((v) => (v === '' ? null : v))
  .nullable()
  .optional();

/** A WhatsApp number: spaces, dashes, dots, parentheses and a leading + are dropped; 8–15 digits remain (E.164). */
/** An empty field means "no phone"; anything typed (even just "+" or "00") must be a whole number. */
const phone = z
  .string()
  .trim()
  .transform((typed) => ({ typed, digits: stripPhoneFormatting(typed) }))
  .refine(({ typed, digits }) => typed === '' || SENDER_DIGITS.test(digits), 'Escribe el número de WhatsApp con código de país, por ejemplo +52 55 1234 5678.')
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

/** The body of "Agregar Cliente". */
export const newCustomerSchema = z.object({ customer_id: customerId, email, name, phone, time_zone: timeZone });
export type NewCustomer = z.infer<typeof newCustomerSchema>;

/** The body of an edit: every field optional, the id is not editable. */
export const customerChangesSchema = z.object({ email: email.optional(), name, phone, time_zone: timeZone });
export type CustomerChanges = z.infer<typeof customerChangesSchema>;

/** Path parameter of per-customer routes (same rule as the calendar server's). */
export const customerParamsSchema = z.object({ id: customerId });

/** Query of the customer list. */
export const customerListQuerySchema = z.object({
  q: z.string().trim().max(100, 'La búsqueda puede tener como máximo 100 caracteres.').optional(),
  page: z.coerce.number({ error: 'page debe ser un número.' }).int().min(1, 'page empieza en 1.').default(1),
  page_size: z.coerce.number({ error: 'page_size debe ser un número.' }).int().min(1).max(100, 'page_size puede ser como máximo 100.').default(20),
});

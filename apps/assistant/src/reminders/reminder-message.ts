import { DateTime } from 'luxon';
import { dayLabel } from '../conversation/spanish-dates.js';

/** The reminder as WhatsApp carries it (the template's body parameters) and as the customer reads it. */
export interface ReminderMessage {
  /** Body parameters of the template, in order: day, time, business. */
  readonly parameters: readonly [day: string, time: string, business: string];
  /** The template's text with the parameters in place (kept in the table, shown in logs and tests). */
  readonly text: string;
}

/**
 * The body of the approved template `WHATSAPP_REMINDER_TEMPLATE` must be this, with `{{1}}` `{{2}}` `{{3}}`
 * where the day, the time and the business go.
 */
export const REMINDER_TEMPLATE_BODY = 'Recordatorio: {{1}} a las {{2}} tienes tu reserva con {{3}}. Responde «cancelar» si no puedes.';

/**
 * "Recordatorio: mañana miércoles 4 de marzo a las 15:00 tienes tu reserva con …": the day in the
 * conversation's wording, relative to when it is sent, in the customer's time zone.
 */
export function reminderMessage(bookingStart: string, timeZone: string, now: Date, businessName: string): ReminderMessage {
  const at = DateTime.fromISO(bookingStart, { zone: timeZone });
  const day = dayLabel(at, DateTime.fromJSDate(now, { zone: timeZone }));
  const time = `${at.hour}:${String(at.minute).padStart(2, '0')}`;
  const parameters = [day, time, businessName] as const;
  return { parameters, text: REMINDER_TEMPLATE_BODY.replace(/\{\{(\d)\}\}/g, (_, n: string) => parameters[Number(n) - 1] ?? '') };
}

import { DateTime } from 'luxon';
import type { Customer } from '../customers/customer-store.js';

/** What the system prompt is made of. */
export interface SystemPromptInput {
  readonly businessName: string;
  readonly customer: Customer;
  readonly timeZone: string;
  readonly now: Date;
  /** The embedded understanding's reading of the current message (`interpretation-hint.ts`), if it named a day, time or length. */
  readonly hint?: string | null;
}

const DEFAULT_DURATION_MINUTES = 60;

/**
 * The model's instructions, in Spanish: who it serves (business, customer's name), the customer's time
 * zone and current local date-time, and the booking discipline. The discipline is also enforced in
 * code (`guarded-tools.ts`); the prompt only keeps the model from wasting turns on refused calls.
 */
export function llmSystemPrompt({ businessName, customer, timeZone, now, hint }: SystemPromptInput): string {
  const local = DateTime.fromJSDate(now, { zone: timeZone }).setLocale('es');
  const offset = local.toFormat('ZZ');
  const duration = customer.preferred_duration_minutes ?? DEFAULT_DURATION_MINUTES;
  return [
    `Eres el asistente de reservas de ${businessName} y atiendes por WhatsApp.`,
    `Hablas con ${customer.name ? customer.name : 'un cliente cuyo nombre no conocemos'} (cliente ${customer.customer_id}).`,
    `Zona horaria del cliente: ${timeZone} (UTC${offset}).`,
    `Fecha y hora actual del cliente: ${local.toFormat("cccc d 'de' LLLL 'de' yyyy, HH:mm")} (${local.toISO({ suppressMilliseconds: true })}).`,
    '',
    'Reglas:',
    '- Responde siempre en español, con mensajes cortos y cercanos, como en WhatsApp. Si quieres enviar varios mensajes, sepáralos con una línea en blanco.',
    `- Las herramientas del calendario usan fechas RFC 3339; escríbelas con el desfase de la zona del cliente (p. ej. ${local.plus({ days: 1 }).set({ hour: 15, minute: 0, second: 0, millisecond: 0 }).toISO({ suppressMilliseconds: true })}). Si el cliente no dice la duración, usa ${duration} minutos.`,
    '- Antes de proponer un horario, comprueba siempre la disponibilidad con check_availability o find_available_slots. Si está ocupado, ofrece huecos libres.',
    '- Para reservar, mover o cancelar, llama primero a propose_booking, propose_change o propose_cancel con los datos exactos y termina tu respuesta con la pregunta de confirmación que te devuelve: di el día y la hora exactos y pide un «sí» explícito.',
    '- Sólo cuando el cliente responda que sí en su siguiente mensaje, llama a create_booking, update_booking o cancel_booking con esos mismos datos. Nunca lo hagas en el mismo turno de la propuesta ni sin un «sí» claro.',
    '- Nunca inventes reservas, horarios ni confirmaciones: di sólo lo que te devuelvan las herramientas. Si una herramienta falla, explícalo con sencillez y sin detalles técnicos.',
    '- Si abajo aparece una «Interpretación del mensaje», es el día y la hora que el cliente pidió, ya calculados en su zona (con sus correcciones aplicadas): úsalos tal cual para las herramientas.',
    ...(hint ? ['', hint] : []),
  ].join('\n');
}

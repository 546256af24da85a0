import { DateTime } from 'luxon';
import { dateInWords } from '../conversation/spanish-dates.js';
import type { Interpretation } from '../understanding/index.js';

/**
 * What the embedded understanding made of the customer's message, as a line for the model: "Interpretación del
 * mensaje: martes 24 de febrero de 2026 a las 12:40 (America/Mexico_City), 90 minutos". Both modes then agree on
 * when: the model need not redo date arithmetic, corrections ("el lunes, no, el martes") are already applied, and
 * a doubt is passed on so the model asks instead of guessing. Null when the message names no day, time or length.
 */
export function interpretationHint(interpretation: Interpretation, timeZone: string): string | null {
  const parts: string[] = [];
  if (interpretation.start !== null) {
    const start = DateTime.fromISO(interpretation.start, { zone: timeZone });
    parts.push(`${withYear(start)} a las ${start.toFormat('HH:mm')} (${timeZone})`);
  } else if (interpretation.date !== null) {
    parts.push(`${withYear(DateTime.fromISO(interpretation.date, { zone: timeZone }))} (${timeZone}), sin hora`);
  }
  if (interpretation.durationMinutes !== null) parts.push(`duración ${interpretation.durationMinutes} minutos`);
  if (parts.length === 0) return null;
  const notes: string[] = [];
  if (interpretation.corrected) notes.push('el cliente se corrigió en el mensaje; vale lo último que dijo');
  if (interpretation.doubts.length > 0) notes.push('no es seguro: pregunta al cliente antes de proponer nada');
  return `Interpretación del mensaje: ${parts.join(', ')}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}.`;
}

/** "martes 24 de febrero de 2026": the year is always said, the model has no "now" of its own. */
function withYear(day: DateTime): string {
  return `${dateInWords(day, day)} de ${day.year}`;
}

import { DURATION_SOURCE, parseDurationMinutes } from './duration.js';
import type { MaskedText } from './masked-text.js';

/** A moment counted from when the message arrived: "dentro de 2 horas", "en 30 minutos", "en 3 días". */
export type RelativeOffset =
  | { readonly kind: 'minutes'; readonly index: number; readonly minutes: number }
  | { readonly kind: 'days'; readonly index: number; readonly days: number }
  | { readonly kind: 'months'; readonly index: number; readonly months: number };

const LEAD = String.raw`\b(?:dentro\s+de|en|de\s+aqui\s+a|luego\s+de|despues\s+de)\s+(?:unos\s+|unas\s+)?`;
const IN_TIME = new RegExp(`${LEAD}(?<d>${DURATION_SOURCE})`, 'g');
const IN_DAYS = new RegExp(String.raw`${LEAD}(?<n>\d{1,3})\s+(?<unit>dias?|semanas?|mes|meses)\b`, 'g');

/** Finds relative offsets and consumes them. Must run before times and durations ("en 2 hs" is no time). */
export function extractRelativeOffsets(text: MaskedText): RelativeOffset[] {
  const offsets: RelativeOffset[] = [];
  text.consume(IN_TIME, (match) => {
    const minutes = parseDurationMinutes(match.groups?.d ?? '');
    if (minutes === null) return false;
    offsets.push({ kind: 'minutes', index: match.index, minutes });
    return true;
  });
  text.consume(IN_DAYS, (match) => {
    const n = Number(match.groups?.n);
    const unit = match.groups?.unit ?? '';
    if (unit.startsWith('mes')) offsets.push({ kind: 'months', index: match.index, months: n });
    else offsets.push({ kind: 'days', index: match.index, days: unit.startsWith('semana') ? n * 7 : n });
    return true;
  });
  return offsets.sort((a, b) => a.index - b.index);
}

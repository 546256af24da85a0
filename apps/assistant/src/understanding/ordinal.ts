import type { MaskedText } from './masked-text.js';

const ORDINAL_WORDS: Readonly<Record<string, number>> = {
  primer: 1,
  primero: 1,
  primera: 1,
  segundo: 2,
  segunda: 2,
  tercer: 3,
  tercero: 3,
  tercera: 3,
  cuarto: 4,
  cuarta: 4,
  quinto: 5,
  quinta: 5,
  sexto: 6,
  sexta: 6,
  septimo: 7,
  septima: 7,
  setimo: 7,
  setima: 7,
  octavo: 8,
  octava: 8,
  noveno: 9,
  novena: 9,
  decimo: 10,
  decima: 10,
  ultimo: -1,
  ultima: -1,
};
const WORD = Object.keys(ORDINAL_WORDS).join('|');
const SUFFIX = 'ro|ra|er|era|ero|do|da|to|ta|vo|va|no|na|mo|ma|o|a';

const PATTERNS: readonly RegExp[] = [
  /\b(?:opcion|numero|num|nro|n)\s*#?\s*(?<n>\d{1,2})\b/g,
  /#\s*(?<n>\d{1,2})\b/g,
  new RegExp(String.raw`\b(?:la|el|lo)\s+(?<n>\d{1,2})(?:${SUFFIX})?\b`, 'g'),
  new RegExp(String.raw`\b(?<n>\d{1,2})(?:${SUFFIX})\b`, 'g'),
  new RegExp(String.raw`(?:\b(?:la|el|lo|opcion)\s+|^)(?<w>${WORD})\b(?!\s+hora)`, 'g'),
  /^(?<n>[1-9])$/g,
];

/**
 * Finds a choice among offered options and consumes it: "la segunda" → 2, "el primero" → 1, "la 1ra" → 1,
 * "la opción 3" → 3, "#2" → 2, a message that is just "2" → 2, "la última" → -1 (the last one offered).
 * Must run last: by then "el 20" is a date and "a la 1" a time.
 */
export function extractOrdinal(text: MaskedText): number | null {
  let found: number | null = null;
  for (const pattern of PATTERNS) {
    text.consume(pattern, (match) => {
      const word = match.groups?.w;
      const value = word !== undefined ? ORDINAL_WORDS[word] : Number(match.groups?.n);
      if (value === undefined || value === 0 || Number.isNaN(value)) return false;
      found ??= value;
      return true;
    });
  }
  return found;
}

import type { MaskedText } from './masked-text.js';

/** The coarse part of the day a message names, as reported to the dialog layer. */
export type PartOfDay = 'morning' | 'afternoon' | 'evening';

/**
 * A Spanish day period as written (accents stripped). It decides how an hour is read:
 * "las 12 de la noche" is midnight, "la 1 de la tarde" is 13:00, "las 3 de la madrugada" is 03:00.
 */
export type DayPeriod = 'manana' | 'tarde' | 'noche' | 'madrugada';

const PART_OF_DAY: Readonly<Record<DayPeriod, PartOfDay>> = {
  manana: 'morning',
  madrugada: 'morning',
  tarde: 'afternoon',
  noche: 'evening',
};

/** The part of the day a Spanish day period belongs to. */
export function partOfDayOf(period: DayPeriod): PartOfDay {
  return PART_OF_DAY[period];
}

/** Reads a period word ("tardes" included) as a DayPeriod. */
export function dayPeriodOf(word: string): DayPeriod | null {
  const singular = word.replace(/s$/, '');
  return singular === 'manana' || singular === 'tarde' || singular === 'noche' || singular === 'madrugada' ? singular : null;
}

/** "por/en/de/a la tarde", "las mañanas", "de noche", "temprano", "a primera hora", "mañana tarde". */
const PERIOD_PHRASES: ReadonlyArray<readonly [RegExp, DayPeriod | null]> = [
  [/\blas?\s+(mananas?|tardes?|noches?|madrugadas?)\b/, null],
  [/\bde\s+(tarde|noche|madrugada)\b/, null],
  [/(?<=\|)\s+(tarde|noche)\b/, null],
  [/\bmadrugada\b/, 'madrugada'],
  [/\b(?:temprano|a primera hora|primera hora)\b/, 'manana'],
];

/** A day period named in a message, where it was named. */
export interface DayPeriodMention {
  readonly period: DayPeriod;
  readonly index: number;
}

/**
 * Finds the day periods named outside already-understood expressions, in order, and consumes every such phrase.
 * Must run after dates: "mañana" the day has then been consumed and the remaining "la mañana" is the morning.
 */
export function extractDayPeriods(text: MaskedText): DayPeriodMention[] {
  const found: DayPeriodMention[] = [];
  for (const [pattern, fixed] of PERIOD_PHRASES) {
    text.consume(pattern, (match) => {
      const period = fixed ?? dayPeriodOf(match[1] ?? '');
      if (period === null) return false;
      found.push({ period, index: match.index });
      return true;
    });
  }
  return found.sort((a, b) => a.index - b.index);
}

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
  return singular === 'manana' || singular === 'tarde' || singular === 'noche' || singular === 'madrugada'
    ? singular
    : null;
}

/** "por/en/de/a la tarde", "las mañanas", "de noche", "temprano", "a primera hora", "mañana tarde". */
const PERIOD_PHRASES: ReadonlyArray<readonly [RegExp, DayPeriod | null]> = [
  [/\blas?\s+(mananas?|tardes?|noches?|madrugadas?)\b/, null],
  [/\bde\s+(tarde|noche|madrugada)\b/, null],
  [/(?<=\|)\s+(tarde|noche)\b/, null],
  [/\bmadrugada\b/, 'madrugada'],
  [/\b(?:temprano|a primera hora|primera hora)\b/, 'manana'],
];

/**
 * Finds the first day period named outside already-understood expressions and consumes every such phrase.
 * Must run after dates: "mañana" the day has then been consumed and the remaining "la mañana" is the morning.
 */
export function extractDayPeriod(text: MaskedText): { period: DayPeriod; index: number } | null {
  let found: { period: DayPeriod; index: number } | null = null;
  for (const [pattern, fixed] of PERIOD_PHRASES) {
    text.consume(pattern, (match) => {
      const period = fixed ?? dayPeriodOf(match[1] ?? '');
      if (period === null) return false;
      if (found === null || match.index < found.index) found = { period, index: match.index };
      return true;
    });
  }
  return found;
}

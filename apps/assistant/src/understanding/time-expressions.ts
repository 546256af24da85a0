import type { MaskedText } from './masked-text.js';
import { parseWrittenTime, WRITTEN_TIME_SOURCE, type WrittenTime } from './written-time.js';

/** A time of day named in a message, or a range "de 3 a 4". */
export interface TimeMention {
  readonly index: number;
  /** Up to two words before the expression ("para las 5" → ["para"]), to tell old from new when rescheduling. */
  readonly lead: readonly string[];
  readonly time: WrittenTime;
  /** The end of a range ("de 3 a 4", "entre las 3 y las 5"), else null. */
  readonly until: WrittenTime | null;
  /** Whether the range started with "de"/"desde" (in "cambia mi cita de las 3 a las 5" it is old → new). */
  readonly rangeWord: 'de' | 'desde' | 'entre' | null;
}

const T = WRITTEN_TIME_SOURCE;
const END = `(?![a-z0-9:])`;

const RANGE = new RegExp(
  String.raw`\b(?<word>de|desde|entre)\s+(?<fromLead>(?:las|la)\s+)?(?<from>${T})\s*(?<sep>-|\ba\b|\bal\b|\bhasta\b|\by\b)\s*(?<toLead>(?:las|la)\s+)?(?<to>${T})${END}`,
  'g',
);
const LED = new RegExp(String.raw`\b(?<lead>las|la|tipo)\s+(?<time>${T})${END}`, 'g');
const BARE = new RegExp(String.raw`(?<![\w|.:/-])(?<time>${T})${END}`, 'g');
const NOON = /\b(?:las\s+)?(?<word>mediodia|medianoche)\b/g;

/** Words after a number that make "de 2 a 3" a count of something rather than hours of the day. */
const NOT_A_TIME_AFTER = /^\s*(?:personas?|dias?|semanas?|mes|meses|anos?|veces|minutos?|mins?|horas?|hs|clientes?|sesiones?|%)\b/;

/** Prepositions before "N hs" that make it a length or an offset ("por 2 hs", "en 2 hs"). */
const DURATION_LEAD = new Set(['por', 'durante', 'de', 'en', 'unas', 'unos', 'como', 'mas', 'menos']);

function hasIndicator(time: WrittenTime): boolean {
  return time.separatorMinutes || time.meridiem !== null || time.period !== null || time.noon;
}

/** Whether an "la" lead is a time: only for one o'clock ("a la una", "de la 1", "la una"). */
function acceptsSingularLead(written: string, before: readonly string[]): boolean {
  if (!/^(?:una|uno|1)\b/.test(written) || /^1\d/.test(written)) return false;
  if (written.startsWith('un')) return true;
  const previous = before[before.length - 1];
  return previous === 'a' || previous === 'de' || previous === 'desde' || previous === 'hasta' || previous === 'para';
}

/**
 * Finds the times of day in a message and consumes them: ranges ("de 3 a 4", "desde las 10 hasta las 12",
 * "entre las 3 y las 5"), times led by "las/la/tipo" ("a las tres y media de la tarde", "a la una",
 * "tipo 5"), times that say what they are without a lead ("15:00", "3 PM", "19 hs", "8 de la noche"),
 * and "mediodía"/"medianoche". Must run after relative offsets ("en 2 horas") and before durations.
 */
export function extractTimes(text: MaskedText): TimeMention[] {
  const mentions: TimeMention[] = [];

  text.consume(RANGE, (match) => {
    const groups = match.groups ?? {};
    const word = groups.word;
    const sep = groups.sep;
    const from = parseWrittenTime(groups.from ?? '');
    const to = parseWrittenTime(groups.to ?? '');
    if (from === null || to === null || (word !== 'de' && word !== 'desde' && word !== 'entre')) return false;
    if (word === 'entre' ? sep !== 'y' && sep !== '-' : sep === 'y') return false;
    const led = groups.fromLead !== undefined || groups.toLead !== undefined;
    if (!led && (to.hourUnit === 'horas' || NOT_A_TIME_AFTER.test(text.text.slice(match.index + match[0].length)))) {
      return false;
    }
    if (groups.fromLead === undefined && from.hourUnit !== null && !from.separatorMinutes && from.hour < 5) return false;
    mentions.push({ index: match.index, lead: text.wordsBefore(match.index, 2), time: from, until: to, rangeWord: word });
    return true;
  });

  text.consume(LED, (match) => {
    const groups = match.groups ?? {};
    const written = groups.time ?? '';
    const time = parseWrittenTime(written);
    if (time === null) return false;
    const before = text.wordsBefore(match.index, 2);
    if (groups.lead === 'la' && !acceptsSingularLead(written, before)) return false;
    if (groups.lead === 'tipo' && /^un/.test(written)) return false;
    mentions.push({ index: match.index, lead: before, time, until: null, rangeWord: null });
    return true;
  });

  text.consume(BARE, (match) => {
    const written = match.groups?.time ?? '';
    if (!/^\d/.test(written)) return false;
    const time = parseWrittenTime(written);
    if (time === null) return false;
    const before = text.wordsBefore(match.index, 2);
    const previous = before[before.length - 1] ?? '';
    const byUnit = time.hourUnit === 'hs' && time.hour >= 5 && !DURATION_LEAD.has(previous);
    if (!hasIndicator(time) && !byUnit) return false;
    if (time.hourUnit === 'horas' && !time.separatorMinutes && time.meridiem === null) return false;
    // "1h30" with no lead is a length; "9h30" a time.
    if (/^\d{1,2}h\d/.test(written) && time.hour < 5 && time.meridiem === null && time.period === null) return false;
    mentions.push({ index: match.index, lead: before, time, until: null, rangeWord: null });
    return true;
  });

  text.consume(NOON, (match) => {
    const midnight = match.groups?.word === 'medianoche';
    const time: WrittenTime = {
      hour: midnight ? 24 : 12,
      minute: 0,
      minus: 0,
      meridiem: null,
      period: null,
      noon: !midnight,
      twentyFourHour: true,
      hourUnit: null,
      separatorMinutes: false,
    };
    mentions.push({ index: match.index, lead: text.wordsBefore(match.index, 2), time, until: null, rangeWord: null });
    return true;
  });

  return mentions.sort((a, b) => a.index - b.index);
}

import { type DayPeriod, dayPeriodOf } from './part-of-day.js';

/** A clock time as the customer wrote it, before the conventions decide between morning and afternoon. */
export interface WrittenTime {
  /** The hour as written, 0–24 ("la una" is 1). */
  readonly hour: number;
  /** Minutes past the written hour: ":15", "y cuarto", "y 20". */
  readonly minute: number;
  /** Minutes before the written hour: "menos cuarto" is 15. */
  readonly minus: number;
  readonly meridiem: 'am' | 'pm' | null;
  /** "de la tarde", "por la mañana", "de noche". */
  readonly period: DayPeriod | null;
  /** "del mediodía": "la 1 del mediodía" is 13:00. */
  readonly noon: boolean;
  /** Written in 24-hour form ("07:30", "19", "0:15"): read as is. */
  readonly twentyFourHour: boolean;
  /** Whether the hour was followed by "hs", "h" or "horas". */
  readonly hourUnit: 'hs' | 'horas' | null;
  /** Whether minutes were written with a separator ("9:15", "9.15", "9h15"). */
  readonly separatorMinutes: boolean;
}

const HOUR = String.raw`(?<hour>\d{1,2}|una|uno)`;
const MINUTES = String.raw`(?:[:.h](?<minute>\d{2}))?`;
const PLUS_MINUS = String.raw`(?:\s+y\s+(?<plus>media|cuarto|\d{1,2})(?:\s*(?:minutos?|mins?))?|\s+menos\s+(?<minus>cuarto|\d{1,2})(?:\s*(?:minutos?|mins?))?)?`;
const TAIL = String.raw`(?:\s+en\s+punto)?(?:\s*(?<meridiem>am|pm))?(?:\s*(?<unit>hs|horas?)\b)?`;
const PERIOD = String.raw`(?:\s+(?:de|en|por|a)\s+la\s+(?<period>manana|tarde|noche|madrugada)|\s+de\s+(?<period2>tarde|noche|madrugada)|\s+(?:del|al)\s+(?<noon>mediodia))?`;

const WRITTEN_TIME_PARTS = new RegExp(`^${HOUR}${MINUTES}${PLUS_MINUS}${TAIL}${PERIOD}$`);

/** Source of a regular expression matching one written time ("3", "las 9:15", "tres y media de la tarde"); no groups. */
export const WRITTEN_TIME_SOURCE = `${HOUR}${MINUTES}${PLUS_MINUS}${TAIL}${PERIOD}`.replace(/\(\?<[a-zA-Z0-9]+>/g, '(?:');

function minutesWord(word: string): number {
  if (word === 'media') return 30;
  if (word === 'cuarto') return 15;
  return Number(word);
}

/** Reads a string matched by WRITTEN_TIME_SOURCE; null when it is not a valid clock time. */
export function parseWrittenTime(written: string): WrittenTime | null {
  const groups = WRITTEN_TIME_PARTS.exec(written)?.groups;
  if (groups === undefined) return null;
  const hourText = groups.hour ?? '';
  const hour = hourText === 'una' || hourText === 'uno' ? 1 : Number(hourText);
  const separatorMinutes = groups.minute !== undefined;
  const minute = separatorMinutes ? Number(groups.minute) : groups.plus !== undefined ? minutesWord(groups.plus) : 0;
  const minus = groups.minus !== undefined ? minutesWord(groups.minus) : 0;
  if (hour > 24 || minute > 59 || minus > 59 || (hour === 24 && minute > 0)) return null;
  const meridiem = groups.meridiem === 'am' || groups.meridiem === 'pm' ? groups.meridiem : null;
  if (meridiem !== null && (hour === 0 || hour > 12)) return null;
  const unit = groups.unit;
  return {
    hour,
    minute,
    minus,
    meridiem,
    period: dayPeriodOf(groups.period ?? groups.period2 ?? ''),
    noon: groups.noon !== undefined,
    twentyFourHour: hour === 0 || hour >= 13 || (hourText.length === 2 && hourText.startsWith('0')),
    hourUnit: unit === undefined ? null : unit === 'hs' ? 'hs' : 'horas',
    separatorMinutes,
  };
}

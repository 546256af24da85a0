import type { DateTime } from 'luxon';
import type { MaskedText } from './masked-text.js';
import { type DayPeriod, dayPeriodOf } from './part-of-day.js';

/** A day named in a message. */
export interface DateMention {
  readonly index: number;
  /** Up to two words before it ("al viernes" → ["al"]), to tell old from new when rescheduling. */
  readonly lead: readonly string[];
  /** Start of that day in the customer's zone. */
  readonly day: DateTime;
  /** "hoy"/"esta tarde": the day is today by name. */
  readonly today: boolean;
  /** The period that came with the day ("esta noche"), else null. */
  readonly period: DayPeriod | null;
}

/** The days a message names, plus week-level phrases that name no single day. */
export interface DateFindings {
  readonly mentions: readonly DateMention[];
  /** "la semana que viene", "la próxima semana". */
  readonly nextWeek: boolean;
  /** "esta semana". */
  readonly thisWeek: boolean;
  /** "el fin de semana", "el finde". */
  readonly weekend: boolean;
}

const MONTHS: Readonly<Record<string, number>> = {
  enero: 1,
  febrero: 2,
  marzo: 3,
  abril: 4,
  mayo: 5,
  junio: 6,
  julio: 7,
  agosto: 8,
  septiembre: 9,
  setiembre: 9,
  octubre: 10,
  noviembre: 11,
  diciembre: 12,
  ene: 1,
  feb: 2,
  mar: 3,
  abr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  ago: 8,
  sep: 9,
  sept: 9,
  set: 9,
  oct: 10,
  nov: 11,
  dic: 12,
};
const FULL_MONTH = 'enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre';
const ANY_MONTH = `${FULL_MONTH}|sept|ene|feb|mar|abr|may|jun|jul|ago|sep|set|oct|nov|dic`;

/** ISO weekday numbers (Monday 1). */
const WEEKDAYS: Readonly<Record<string, number>> = {
  lunes: 1,
  martes: 2,
  miercoles: 3,
  jueves: 4,
  viernes: 5,
  sabado: 6,
  domingo: 7,
};
const WEEKDAY = 'lunes|martes|miercoles|jueves|viernes|sabado|domingo';

const NOT_A_DAY_AFTER = String.raw`(?!\s*(?:[.:/]\d|personas?\b|horas?\b|minutos?\b|mins?\b|hs\b|am\b|pm\b|veces\b|dias?\b|semanas?\b|mes\b|meses\b|anos?\b|%))`;

const ISO_DATE = /\b(?<y>\d{4})-(?<m>\d{1,2})-(?<d>\d{1,2})\b/g;
const NUMERIC_DATE = /\b(?<d>\d{1,2})\/(?<m>\d{1,2})(?:\/(?<y>\d{4}|\d{2}))?\b|\b(?<d2>\d{1,2})-(?<m2>\d{1,2})-(?<y2>\d{4}|\d{2})\b/g;
const DAY_OF_MONTH_NAME = new RegExp(
  String.raw`\b(?:(?:${WEEKDAY})\s+)?(?:dia\s+)?(?<d>\d{1,2}|primero)(?:ro|o)?\s+(?:de\s+)?(?<m>${ANY_MONTH})\b(?:\s+(?:de|del)\s+(?<y>\d{4}))?`,
  'g',
);
const MONTH_NAME_DAY = new RegExp(String.raw`\b(?<m>${FULL_MONTH})\s+(?<d>\d{1,2})\b${NOT_A_DAY_AFTER}`, 'g');
const WEEKDAY_AND_DAY = new RegExp(String.raw`\b(?<wd>${WEEKDAY})\s+(?<d>\d{1,2})\b${NOT_A_DAY_AFTER}`, 'g');
const BARE_DAY = new RegExp(String.raw`\b(?:el|del|al|dia)\s+(?:dia\s+)?(?<d>\d{1,2})\b${NOT_A_DAY_AFTER}`, 'g');
const DAY_AFTER_TOMORROW = /\bpasado\s+manana\b/g;
const THIS_PERIOD = /\besta\s+(?<p>manana|tarde|noche)\b/g;
const RELATIVE_DAY = /\b(?<w>hoy|manana|ayer|anteayer|antier)\b(?:\s+mismo)?/g;
const WEEKDAY_NAME = new RegExp(
  String.raw`\b(?:(?<pre>este|esta|proximo|proxima|siguiente)\s+)?(?<wd>${WEEKDAY})s?\b(?:\s+(?<post>que\s+viene|proximo|siguiente|de\s+(?:la\s+)?(?:semana\s+que\s+viene|proxima\s+semana|semana\s+proxima|siguiente\s+semana|otra\s+semana)|de\s+esta\s+semana))?`,
  'g',
);
const NEXT_WEEK = /\b(?:la\s+)?(?:semana\s+que\s+viene|proxima\s+semana|semana\s+proxima|siguiente\s+semana|otra\s+semana)\b/g;
const THIS_WEEK = /\besta\s+semana\b/g;
const WEEKEND = /\b(?:el\s+|este\s+)?fin\s+de\s+semana\b/g;

/** Words before "mañana" that make it the morning, not tomorrow ("por la mañana", "las mañanas"). */
const MORNING_LEAD = new Set(['la', 'las', 'media', 'una', 'cada', 'toda']);

function dayOf(today: DateTime, year: number, month: number, day: number): DateTime | null {
  const date = today.set({ year, month, day });
  return date.isValid && date.month === month && date.day === day ? date.startOf('day') : null;
}

/** "el 20 de enero": this year's if not past, else next year's. */
function nextMonthDay(today: DateTime, month: number, day: number): DateTime | null {
  for (let years = 0; years <= 4; years += 1) {
    const date = dayOf(today, today.year + years, month, day);
    if (date !== null && date >= today) return date;
  }
  return null;
}

/**
 * "el 20": this month's if not past, else the next month that has that day. With a weekday ("el viernes 10")
 * the next such date that falls on that weekday if one comes within two months, else the plain next date.
 */
function nextDayOfMonth(today: DateTime, day: number, weekday?: number): DateTime | null {
  let first: DateTime | null = null;
  for (let months = 0; months <= 12; months += 1) {
    const month = today.startOf('month').plus({ months });
    const date = dayOf(today, month.year, month.month, day);
    if (date === null || date < today) continue;
    first ??= date;
    if (weekday === undefined || date.weekday === weekday) return date;
    if (months >= 2) break;
  }
  return first;
}

function fullYear(text: string | undefined, today: DateTime): number | null {
  if (text === undefined) return null;
  const year = Number(text);
  return text.length === 2 ? Math.floor(today.year / 100) * 100 + year : year;
}

function weekdayDate(today: DateTime, weekday: number, pre: string | undefined, post: string | undefined, nextWeek: boolean): DateTime {
  if (post?.includes('esta')) return today.startOf('week').plus({ days: weekday - 1 });
  const namedThis = pre === 'este' || pre === 'esta';
  if (post?.includes('semana') || (nextWeek && !namedThis)) {
    return today.startOf('week').plus({ weeks: 1, days: weekday - 1 });
  }
  const ahead = (weekday - today.weekday + 7) % 7;
  return today.plus({ days: ahead === 0 && !namedThis ? 7 : ahead });
}

/**
 * Finds the days a message names, relative to `today` (start of today in the customer's zone), and
 * consumes them. A weekday is its next occurrence after today ("este viernes" on a Friday is today);
 * "el 20" / "el 20 de enero" / "20/01" is the next such date that is not past; "mañana" is tomorrow
 * unless it follows "la" ("por la mañana"). Must run after times ("a las 10 de la mañana").
 */
export function extractDates(text: MaskedText, today: DateTime): DateFindings {
  const mentions: DateMention[] = [];
  const add = (index: number, day: DateTime | null, options: { today?: boolean; period?: DayPeriod | null } = {}): boolean => {
    if (day === null) return false;
    mentions.push({ index, lead: text.wordsBefore(index, 2), day, today: options.today ?? false, period: options.period ?? null });
    return true;
  };
  const nextWeek = new RegExp(NEXT_WEEK.source).test(text.text);

  text.consume(ISO_DATE, (m) => add(m.index, dayOf(today, Number(m.groups?.y), Number(m.groups?.m), Number(m.groups?.d))));
  text.consume(NUMERIC_DATE, (m) => {
    const g = m.groups ?? {};
    const day = Number(g.d ?? g.d2);
    const month = Number(g.m ?? g.m2);
    const year = fullYear(g.y ?? g.y2, today);
    return add(m.index, year === null ? nextMonthDay(today, month, day) : dayOf(today, year, month, day));
  });
  text.consume(DAY_OF_MONTH_NAME, (m) => {
    const g = m.groups ?? {};
    const day = g.d === 'primero' ? 1 : Number(g.d);
    const month = MONTHS[g.m ?? ''] ?? 0;
    const year = fullYear(g.y, today);
    return add(m.index, year === null ? nextMonthDay(today, month, day) : dayOf(today, year, month, day));
  });
  text.consume(MONTH_NAME_DAY, (m) => add(m.index, nextMonthDay(today, MONTHS[m.groups?.m ?? ''] ?? 0, Number(m.groups?.d))));
  text.consume(WEEKDAY_AND_DAY, (m) => add(m.index, nextDayOfMonth(today, Number(m.groups?.d), WEEKDAYS[m.groups?.wd ?? ''])));
  text.consume(BARE_DAY, (m) => add(m.index, nextDayOfMonth(today, Number(m.groups?.d))));
  text.consume(DAY_AFTER_TOMORROW, (m) => add(m.index, today.plus({ days: 2 })));
  text.consume(THIS_PERIOD, (m) => add(m.index, today, { today: true, period: dayPeriodOf(m.groups?.p ?? '') }));
  text.consume(RELATIVE_DAY, (m) => {
    const word = m.groups?.w;
    if (word === 'manana' && MORNING_LEAD.has(text.wordsBefore(m.index, 1)[0] ?? '')) return false;
    const days = word === 'hoy' ? 0 : word === 'manana' ? 1 : word === 'ayer' ? -1 : -2;
    return add(m.index, today.plus({ days }), { today: days === 0 });
  });
  text.consume(WEEKDAY_NAME, (m) => {
    const g = m.groups ?? {};
    const date = weekdayDate(today, WEEKDAYS[g.wd ?? ''] ?? 1, g.pre, g.post, nextWeek);
    return add(m.index, date, { today: date.equals(today) });
  });

  let weekend = false;
  let thisWeek = false;
  text.consume(NEXT_WEEK, () => true);
  text.consume(THIS_WEEK, () => (thisWeek = true));
  text.consume(WEEKEND, () => (weekend = true));

  return { mentions: mentions.sort((a, b) => a.index - b.index), nextWeek, thisWeek, weekend };
}

import { DateTime, IANAZone } from 'luxon';
import { CorrectionSegments } from './correction-segments.js';
import { type DateMention, extractDates } from './date-expressions.js';
import { extractDurations } from './duration.js';
import { extractGreeting } from './greeting.js';
import { type ClockTime, resolveClockTime } from './hour-conventions.js';
import { classifyIntent, type Intent } from './intent.js';
import type { Doubt, Interpretation } from './interpretation.js';
import { MaskedText } from './masked-text.js';
import { normalizeMessage } from './normalize-text.js';
import { extractOrdinal } from './ordinal.js';
import { type DayPeriod, type DayPeriodMention, extractDayPeriods, partOfDayOf } from './part-of-day.js';
import { extractRelativeOffsets } from './relative-offsets.js';
import { numberWordsToDigits } from './spanish-numbers.js';
import { extractTimes, type TimeMention } from './time-expressions.js';
import { SPELLING_CONFIDENCE_FLOOR } from './tolerant-matching.js';
import type { WrittenTime } from './written-time.js';

/** Words before a day that mark it as the new one when rescheduling ("al viernes", "para el lunes"). */
const TARGET_LEAD = new Set(['al', 'para', 'pa', 'a', 'hacia', 'por']);
/** Words before a time that mark it as the old one when rescheduling ("de las 3"). */
const SOURCE_LEAD = new Set(['de', 'del', 'desde']);
/** A range right after these ("mi cita de las 3 a las 5", "pásala de 3 a 5") moves a time rather than spans. */
const MOVED_THING = /^(?:cita|reserva|turno|hora|horario|\w+(?:la|lo))$/;

function parseNow(now: string, timeZone: string): DateTime {
  if (!IANAZone.isValidZone(timeZone)) throw new RangeError(`unknown time zone: ${timeZone}`);
  const parsed = DateTime.fromISO(now, { setZone: true });
  if (!parsed.isValid || !/(?:[zZ]|[+-]\d{2}:?\d{2})$/.test(now.trim())) {
    throw new RangeError(`now is not an RFC 3339 date-time with offset: ${now}`);
  }
  return parsed.setZone(timeZone);
}

function formatInstant(moment: DateTime): string {
  return moment.toFormat("yyyy-MM-dd'T'HH:mm:ssZZ");
}

function atClock(day: DateTime, clock: ClockTime, timeZone: string): DateTime {
  const date = day.plus({ days: clock.dayOffset });
  return DateTime.fromObject({ year: date.year, month: date.month, day: date.day, hour: clock.hour, minute: clock.minute }, { zone: timeZone });
}

function pickDate(mentions: readonly DateMention[], intent: Intent): DateMention | undefined {
  if (intent === 'reschedule' && mentions.length > 1) {
    return mentions.find((mention) => mention.lead.some((word) => TARGET_LEAD.has(word))) ?? mentions[mentions.length - 1];
  }
  return mentions[0];
}

interface ChosenTime {
  readonly time: WrittenTime;
  readonly until: WrittenTime | null;
}

function pickTime(mentions: readonly TimeMention[], intent: Intent): ChosenTime | undefined {
  if (intent !== 'reschedule') {
    const first = mentions[0];
    return first && { time: first.time, until: first.until };
  }
  const movedRange = mentions.find((mention) => mention.until !== null && mention.rangeWord !== 'entre' && MOVED_THING.test(mention.lead[mention.lead.length - 1] ?? ''));
  if (movedRange?.until) return { time: movedRange.until, until: null };
  const target = mentions.find((mention) => !SOURCE_LEAD.has(mention.lead[mention.lead.length - 1] ?? ''));
  const chosen = mentions.length > 1 ? (target ?? mentions[mentions.length - 1]) : mentions[0];
  return chosen && { time: chosen.time, until: chosen.until };
}

/** "a las 5 de la mañana, no, de la tarde": a part of the day named in a later correction re-reads the hour. */
function withCorrectedPeriod(time: WrittenTime, segments: CorrectionSegments, periods: readonly DayPeriodMention[], timeSegment: number): WrittenTime {
  const periodSegment = segments.latestSegment(periods);
  const corrected = segments.within(periods, periodSegment)[0];
  if (corrected === undefined || periodSegment <= timeSegment || time.twentyFourHour) return time;
  return { ...time, period: corrected.period, meridiem: null, noon: false };
}

function decides(time: WrittenTime): boolean {
  return time.meridiem !== null || time.period !== null || time.noon;
}

/** "de 3 a 5 de la tarde": the start borrows the end's period when it says none and comes earlier. */
function rangeStart(time: WrittenTime, until: WrittenTime | null): WrittenTime {
  if (until === null || decides(time) || time.twentyFourHour || !decides(until) || time.hour > until.hour) return time;
  return { ...time, meridiem: until.meridiem, period: until.period, noon: until.noon };
}

function rangeEnd(start: DateTime, until: WrittenTime, context: DayPeriod | null, timeZone: string): DateTime {
  const clock = resolveClockTime(until, context);
  let end = atClock(start.startOf('day'), clock, timeZone);
  if (end <= start && !clock.explicit && clock.hour < 12) end = atClock(start.startOf('day'), { ...clock, hour: clock.hour + 12 }, timeZone);
  while (end <= start) end = end.plus({ days: 1 });
  return end;
}

/**
 * Understands one Spanish booking message. `now` is when it arrived (RFC 3339 with offset), `timeZone` the
 * customer's IANA zone; all day arithmetic happens in that zone (DST-safe). Pure and deterministic.
 * Throws RangeError when `now` or `timeZone` is invalid.
 */
export function interpret(text: string, now: string, timeZone: string): Interpretation {
  const moment = parseNow(now, timeZone);
  const today = moment.startOf('day');
  const normalized = normalizeMessage(text);
  const { greets, rest } = extractGreeting(normalized.text);
  const masked = new MaskedText(numberWordsToDigits(rest));
  const segments = new CorrectionSegments(masked.text);

  const offsets = extractRelativeOffsets(masked);
  const times = extractTimes(masked);
  const durations = extractDurations(masked);
  const dates = extractDates(masked, today);
  const periods = extractDayPeriods(masked);
  const period = periods[0] ?? null;
  const ordinal = extractOrdinal(masked);

  const hasSlots = dates.mentions.length > 0 || times.length > 0 || offsets.length > 0 || durations.length > 0 || period !== null || dates.nextWeek || dates.weekend;
  const intent = classifyIntent(CorrectionSegments.withoutMarkers(rest), { hasSlots, hasClock: times.length > 0, hasOrdinal: ordinal !== null, greets });

  // Corrections: each field takes the latest segment that names it ("el lunes a las 4, no no, el martes").
  const dayOffsets = offsets.filter((offset) => offset.kind !== 'minutes');
  const minuteOffsets = offsets.filter((offset) => offset.kind === 'minutes');
  const daySegment = segments.latestSegment([...dates.mentions, ...dayOffsets]);
  const timeSegment = segments.latestSegment([...times, ...minuteOffsets]);
  const dateMention = pickDate(segments.within(dates.mentions, daySegment), intent);
  const dayOffset = dateMention === undefined ? segments.within(dayOffsets, daySegment)[0] : undefined;
  const latestTimes = segments.within(times, timeSegment);
  const minuteOffset = latestTimes.length === 0 ? segments.within(minuteOffsets, timeSegment)[0] : undefined;
  const namedDuration = segments.within(durations, segments.latestSegment(durations))[0]?.minutes ?? null;
  const day =
    dateMention?.day ?? (dayOffset?.kind === 'days' ? today.plus({ days: dayOffset.days }) : dayOffset?.kind === 'months' ? today.plus({ months: dayOffset.months }) : undefined);
  const contextPeriod = dateMention?.period ?? period?.period ?? null;

  let start: DateTime | null = null;
  let end: DateTime | null = null;
  let clock: ClockTime | null = null;
  const chosen = pickTime(latestTimes, intent);
  if (chosen !== undefined) {
    const time = withCorrectedPeriod(rangeStart(chosen.time, chosen.until), segments, periods, timeSegment);
    clock = resolveClockTime(time, contextPeriod);
    if (day !== undefined) {
      start = atClock(day, clock, timeZone);
      if (dateMention?.today === true && !clock.explicit && clock.hour < 12 && start < moment) {
        const evening = atClock(day, { ...clock, hour: clock.hour + 12 }, timeZone);
        if (evening > moment) {
          clock = { ...clock, hour: clock.hour + 12 };
          start = evening;
        }
      }
    } else {
      start = atClock(today, clock, timeZone);
      if (start <= moment) start = atClock(today.plus({ days: 1 }), clock, timeZone);
    }
    if (chosen.until !== null) end = rangeEnd(start, chosen.until, contextPeriod, timeZone);
  } else if (minuteOffset?.kind === 'minutes') {
    start = moment.plus({ minutes: minuteOffset.minutes }).startOf('minute');
  }

  const durationMinutes = namedDuration ?? (start !== null && end !== null ? Math.round(end.diff(start, 'minutes').minutes) : null);
  if (end === null && start !== null && durationMinutes !== null) end = start.plus({ minutes: durationMinutes });

  const namedPeriod = contextPeriod ?? chosen?.time.period ?? chosen?.until?.period ?? null;
  const doubts: Doubt[] = normalized.spellings
    .filter((spelling) => spelling.confidence < SPELLING_CONFIDENCE_FLOOR)
    .map((spelling) => ({ kind: 'spelling', written: spelling.written, read: spelling.read }));
  const slotIndexes = [...dates.mentions, ...offsets, ...times, ...durations].map((mention) => mention.index);
  for (const mention of periods) slotIndexes.push(mention.index);
  if (segments.hasUnplacedCorrection(slotIndexes, masked.text)) doubts.push({ kind: 'correction' });
  return {
    intent,
    date: start !== null ? start.toISODate() : (day?.toISODate() ?? null),
    dayNamed: day !== undefined,
    start: start === null ? null : formatInstant(start),
    end: end === null ? null : formatInstant(end),
    durationMinutes,
    time: clock !== null ? `${String(clock.hour).padStart(2, '0')}:${String(clock.minute).padStart(2, '0')}` : (start?.toFormat('HH:mm') ?? null),
    partOfDay: namedPeriod === null ? null : partOfDayOf(namedPeriod),
    ordinal,
    greeting: greets,
    corrected: segments.markerCount > 0,
    spellings: normalized.spellings.map((spelling) => ({ written: spelling.written, read: spelling.read })),
    doubts,
  };
}

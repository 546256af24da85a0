import { DateTime, IANAZone } from 'luxon';

/** The years a calendar time may fall in: anything else is a typo or a probe, never an appointment. */
export const MIN_YEAR = 1970;
export const MAX_YEAR = 2199;
/** The widest real UTC offsets (Line Islands, Baker Island). */
const MAX_OFFSET_MINUTES = 14 * 60;

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):(\d{2}))?$/;

/** Why a time argument was refused; the message says what is wrong and, where it can, what to send instead. */
export class TimeArgumentError extends Error {
  override readonly name = 'TimeArgumentError';
  readonly code = 'invalid_time';
}

/** A time argument resolved to an instant; `note` says how an ambiguous local time was read. */
export interface ResolvedTime {
  readonly instant: Date;
  readonly note?: string;
}

/**
 * Parses a strict RFC 3339 date-time: real calendar dates, hours 00–23 (no 24:00), no leap second,
 * years {@link MIN_YEAR}–{@link MAX_YEAR}, offsets within ±14:00. Seconds may be left out, and so may
 * the offset: a local time is then read in `timeZone` — refused when the clocks skip it (a spring-forward
 * gap, suggesting the first valid time), and read as its first occurrence, with a note, when they
 * repeat it (fall back).
 */
export function parseRfc3339(value: string, timeZone: string): ResolvedTime {
  const match = PATTERN.exec(value);
  if (!match) {
    throw new TimeArgumentError(
      `must be an RFC 3339 date-time like 2027-01-15T15:00:00+01:00 (the offset may be left out: the calendar's time zone applies); got ${quote(value)}.`,
    );
  }
  const [, y, mo, d, h, mi, s = '00', fraction = '', zulu, sign, oh, om] = match as unknown as (string | undefined)[];
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (year < MIN_YEAR || year > MAX_YEAR) throw new TimeArgumentError(`the year ${y} is out of range (${MIN_YEAR}–${MAX_YEAR}).`);
  if (month < 1 || month > 12 || day < 1 || day > (DateTime.utc(year, month, 1).daysInMonth ?? 0)) {
    throw new TimeArgumentError(`${y}-${mo}-${d} is not a real date-time: that month has no such day.`);
  }
  if (hour === 24) throw new TimeArgumentError('hour 24 is not allowed (RFC 3339 ends a day at 23:59:59); use 00:00 of the next day.');
  if (hour > 23) throw new TimeArgumentError(`hour ${h} is out of range (00–23).`);
  if (minute > 59) throw new TimeArgumentError(`minute ${mi} is out of range (00–59).`);
  if (second > 59) throw new TimeArgumentError(`second ${s} is out of range (00–59; leap seconds are not accepted).`);
  const millis = Math.floor(Number(`0.${fraction || '0'}`) * 1000);
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, millis);

  if (zulu) return { instant: new Date(wall) };
  if (sign) {
    const offsetHours = Number(oh);
    const offsetMinutes = Number(om);
    const total = offsetHours * 60 + offsetMinutes;
    if (offsetMinutes > 59 || total > MAX_OFFSET_MINUTES) {
      throw new TimeArgumentError(`the offset ${sign}${oh}:${om} is out of range: offsets go from -14:00 to +14:00.`);
    }
    return { instant: new Date(wall - (sign === '-' ? -total : total) * 60_000) };
  }
  return resolveLocal(wall, timeZone, `${y}-${mo}-${d}T${h}:${mi}${match[6] === undefined ? '' : `:${s}`}`);
}

/** A wall-clock time (as if UTC, epoch ms) in `timeZone`: its instant, refusing gaps and noting repeats. */
function resolveLocal(wall: number, timeZone: string, written: string): ResolvedTime {
  const zone = IANAZone.create(timeZone);
  const offsetBefore = zone.offset(wall - 86_400_000);
  const offsetAfter = zone.offset(wall + 86_400_000);
  const candidates = [...new Set([offsetBefore, offsetAfter])]
    .map((offset) => wall - offset * 60_000)
    .filter((instant) => wall - zone.offset(instant) * 60_000 === instant)
    .sort((a, b) => a - b);
  const format = (instant: number) => DateTime.fromMillis(instant, { zone: timeZone }).toISO({ suppressMilliseconds: true }) ?? new Date(instant).toISOString();
  if (candidates.length === 0) {
    // In the gap: the change happens between reading it with the later offset and with the earlier one.
    let low = wall - offsetAfter * 60_000;
    let high = wall - offsetBefore * 60_000;
    while (high - low > 1000) {
      const mid = Math.floor((low + high) / 2);
      if (zone.offset(mid) === offsetBefore) low = mid;
      else high = mid;
    }
    const change = Math.ceil(high / 60_000) * 60_000;
    throw new TimeArgumentError(
      `${written} does not exist in ${timeZone}: the clocks jump forward that night. The first valid time after it is ${format(change)}; ask the customer, or send that time.`,
    );
  }
  const [first, second] = candidates as [number, number | undefined];
  if (second === undefined) return { instant: new Date(first) };
  return {
    instant: new Date(first),
    note: `${written} happens twice in ${timeZone} (the clocks go back that night): the first one, ${format(first)}, was used; send ${format(second)} for the second.`,
  };
}

function quote(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

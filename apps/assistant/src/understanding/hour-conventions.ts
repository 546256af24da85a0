import type { DayPeriod } from './part-of-day.js';
import type { WrittenTime } from './written-time.js';

/** A resolved time of day. */
export interface ClockTime {
  readonly hour: number;
  readonly minute: number;
  /** 1 when the time belongs to the night after the named day ("las 12 de la noche", "medianoche"). */
  readonly dayOffset: number;
  /** Whether morning/afternoon was said (am/pm, "de la tarde", 24-hour form) rather than guessed. */
  readonly explicit: boolean;
}

function hourFor(time: WrittenTime, context: DayPeriod | null): { hour: number; dayOffset: number; explicit: boolean } {
  const h = time.hour;
  if (h === 24) return { hour: 0, dayOffset: 1, explicit: true };
  if (time.meridiem === 'pm') return { hour: h < 12 ? h + 12 : h, dayOffset: 0, explicit: true };
  if (time.meridiem === 'am') return { hour: h === 12 ? 0 : h, dayOffset: 0, explicit: true };
  if (time.noon) return { hour: h >= 1 && h <= 5 ? h + 12 : h, dayOffset: 0, explicit: true };
  if (time.twentyFourHour) return { hour: h, dayOffset: 0, explicit: true };
  const period = time.period ?? context;
  const explicit = time.period !== null;
  switch (period) {
    case 'manana':
      return { hour: h, dayOffset: 0, explicit };
    case 'tarde':
      return { hour: h === 12 ? 12 : h + 12, dayOffset: 0, explicit };
    case 'noche':
      if (h === 12) return { hour: 0, dayOffset: 1, explicit };
      if (h <= 5) return { hour: h, dayOffset: 1, explicit };
      return { hour: h + 12, dayOffset: 0, explicit };
    case 'madrugada':
      return { hour: h === 12 ? 0 : h, dayOffset: 0, explicit };
    default:
      // The shared convention: 1–7 is afternoon, 8–11 morning, 12 noon.
      return { hour: h >= 1 && h <= 7 ? h + 12 : h, dayOffset: 0, explicit: false };
  }
}

/**
 * Resolves a written time with the conventions of Mexico, Spain, Colombia and Argentina: am/pm,
 * "de la mañana/tarde/noche/madrugada" and "del mediodía" decide; 24-hour forms ("19", "07:30") are
 * literal; otherwise the period named elsewhere in the message ("esta noche a las 9") decides; otherwise
 * 1–7 is afternoon, 8–11 morning and 12 noon. "menos cuarto" is applied after the hour is resolved.
 */
export function resolveClockTime(time: WrittenTime, context: DayPeriod | null): ClockTime {
  const { hour, dayOffset, explicit } = hourFor(time, context);
  let minutes = hour * 60 + time.minute - time.minus;
  let offset = dayOffset;
  if (minutes < 0) {
    minutes += 24 * 60;
    offset -= 1;
  }
  return { hour: Math.floor(minutes / 60), minute: minutes % 60, dayOffset: offset, explicit };
}

import { DateTime } from 'luxon';

const WEEKDAYS = ['lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado', 'domingo'];
const MONTHS = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'];

/**
 * "jueves 15 de enero" ("… de 2028" when not this year): the weekday and the date in words, so a misreading
 * is visible before anything is booked.
 */
export function dateInWords(at: DateTime, now: DateTime): string {
  const year = at.year === now.setZone(at.zone).year ? '' : ` de ${at.year}`;
  return `${WEEKDAYS[at.weekday - 1]} ${at.day} de ${MONTHS[at.month - 1]}${year}`;
}

/** "a las 15:00", "a la 1:30". */
export function atTime(at: DateTime): string {
  return `${at.hour === 1 ? 'a la' : 'a las'} ${at.hour}:${String(at.minute).padStart(2, '0')}`;
}

/**
 * "hoy miércoles 14 de enero", "mañana jueves 15 de enero", "pasado mañana viernes 16 de enero", "el lunes 19
 * de enero": a relative word when it helps, always the weekday and the date in words.
 */
export function dayLabel(at: DateTime, now: DateTime): string {
  const days = Math.round(at.startOf('day').diff(now.setZone(at.zone).startOf('day'), 'days').days);
  const words = dateInWords(at, now);
  if (days === 0) return `hoy ${words}`;
  if (days === 1) return `mañana ${words}`;
  if (days === 2) return `pasado mañana ${words}`;
  return `el ${words}`;
}

/** "mañana jueves 15 de enero a las 15:00", in the customer's time zone. */
export function describeStart(iso: string, timeZone: string, now: Date): string {
  const at = DateTime.fromISO(iso, { zone: timeZone });
  return `${dayLabel(at, DateTime.fromJSDate(now, { zone: timeZone }))} ${atTime(at)}`;
}

/** The local wall-clock time of an instant, `HH:mm`. */
export function localTime(iso: string, timeZone: string): string {
  return DateTime.fromISO(iso, { zone: timeZone }).toFormat('HH:mm');
}

/** The local date of an instant, `yyyy-MM-dd`. */
export function localDate(iso: string, timeZone: string): string {
  return DateTime.fromISO(iso, { zone: timeZone }).toFormat('yyyy-MM-dd');
}

/** RFC 3339 with offset for a local date and time in `timeZone`. */
export function localToIso(date: string, time: string, timeZone: string): string {
  return DateTime.fromISO(`${date}T${time}`, { zone: timeZone }).toISO({ suppressMilliseconds: true }) ?? '';
}

/** `iso` shifted by `minutes`, keeping the offset of `timeZone`. */
export function plusMinutes(iso: string, minutes: number, timeZone: string): string {
  return DateTime.fromISO(iso, { zone: timeZone }).plus({ minutes }).toISO({ suppressMilliseconds: true }) ?? '';
}

import { DateTime } from 'luxon';

const WEEKDAYS = ['lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado', 'domingo'];

/** "a las 15:00", "a la 1:30". */
export function atTime(at: DateTime): string {
  return `${at.hour === 1 ? 'a la' : 'a las'} ${at.hour}:${String(at.minute).padStart(2, '0')}`;
}

/** "hoy 14/01", "mañana 15/01", "pasado mañana 16/01", "el viernes 16/01". */
export function dayLabel(at: DateTime, now: DateTime): string {
  const days = Math.round(at.startOf('day').diff(now.setZone(at.zone).startOf('day'), 'days').days);
  const ddmm = at.toFormat('dd/MM');
  if (days === 0) return `hoy ${ddmm}`;
  if (days === 1) return `mañana ${ddmm}`;
  if (days === 2) return `pasado mañana ${ddmm}`;
  return `el ${WEEKDAYS[at.weekday - 1]} ${ddmm}`;
}

/** "mañana 15/01 a las 15:00", in the customer's time zone. */
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

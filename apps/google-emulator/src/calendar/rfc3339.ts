import { DateTime } from 'luxon';

const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/i;
const WITHOUT_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Milliseconds since the epoch of an RFC 3339 timestamp with its mandatory offset, or undefined. */
export function parseTimestamp(value: string): number | undefined {
  if (!WITH_OFFSET.test(value)) return undefined;
  const parsed = DateTime.fromISO(value, { setZone: true });
  return parsed.isValid ? parsed.toMillis() : undefined;
}

/** Milliseconds since the epoch of an offset-less RFC 3339 date-time read as wall time in `zone`, or undefined. */
export function parseLocalDateTime(value: string, zone: string): number | undefined {
  if (!WITHOUT_OFFSET.test(value)) return undefined;
  const parsed = DateTime.fromISO(value, { zone });
  return parsed.isValid ? parsed.toMillis() : undefined;
}

/** Whether `value` is a real `YYYY-MM-DD` date. */
export function isDate(value: string): boolean {
  return DATE.test(value) && DateTime.fromISO(value, { zone: 'utc' }).isValid;
}

/** Midnight starting `date` (`YYYY-MM-DD`) in `zone`, in milliseconds since the epoch. */
export function startOfDate(date: string, zone: string): number {
  return DateTime.fromISO(date, { zone }).startOf('day').toMillis();
}

/** An instant as Google writes it in `zone`: `2026-03-30T10:00:00+02:00`, or `...Z` in UTC. */
export function formatInZone(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true }) ?? new Date(ms).toISOString();
}

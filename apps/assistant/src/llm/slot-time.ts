import { DateTime } from 'luxon';

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?$/i;

/**
 * A date-time the model gave, as RFC 3339 with the offset of `timeZone` (a value without an offset is
 * read in that zone, as the calendar server does), or undefined when it is not a real date-time.
 */
export function normalizeSlotTime(value: string, timeZone: string): string | undefined {
  if (!RFC3339.test(value.trim())) return undefined;
  const at = DateTime.fromISO(value.trim(), { zone: timeZone });
  return at.isValid ? (at.toISO({ suppressMilliseconds: true }) ?? undefined) : undefined;
}

/** Whether two date-times are the same instant (`value` read in `timeZone` when it has no offset). */
export function sameInstant(value: string, recorded: string, timeZone: string): boolean {
  const normalized = normalizeSlotTime(value, timeZone);
  return normalized !== undefined && Date.parse(normalized) === Date.parse(recorded);
}

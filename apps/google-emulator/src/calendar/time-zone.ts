import { IANAZone } from 'luxon';

/** Zone names, not offsets such as `+02:00` (which `Intl` also accepts). */
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+\-/]*$/;

/** Time zone of calendars nobody configured. */
export const DEFAULT_TIME_ZONE = 'Europe/Madrid';

/** The canonical spelling of an IANA time zone (`europe/madrid` → `Europe/Madrid`), or undefined if unknown. */
export function canonicalTimeZone(zone: string): string | undefined {
  if (!ZONE_NAME.test(zone) || !IANAZone.isValidZone(zone)) return undefined;
  return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
}

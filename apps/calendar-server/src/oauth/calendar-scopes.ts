/**
 * The OAuth scopes Agendo asks for. `openid email` identify the account; the three Calendar scopes
 * are the narrowest that the calendar tools need:
 * - `calendar.events.owned`: create, read, move and cancel events on calendars the user owns (primary);
 * - `calendar.events.freebusy`: busy times for availability checks (`freeBusy.query`);
 * - `calendar.calendars.readonly`: the calendar's time zone.
 */
export const CALENDAR_SCOPES = [
  'https://www.googleapis.com/auth/calendar.events.owned',
  'https://www.googleapis.com/auth/calendar.events.freebusy',
  'https://www.googleapis.com/auth/calendar.calendars.readonly',
] as const;

/** Every scope requested at authorization. */
export const REQUESTED_SCOPES = ['openid', 'email', ...CALENDAR_SCOPES] as const;

/** The Calendar scopes missing from what Google granted (users can untick scopes on the consent screen). */
export function missingCalendarScopes(granted: readonly string[]): string[] {
  return CALENDAR_SCOPES.filter((s) => !granted.includes(s));
}

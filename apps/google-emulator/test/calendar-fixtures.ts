import { calendar, type calendar_v3 } from '@googleapis/calendar';
import { connectUser, createOAuthClient, USER_EMAIL } from './fixtures.js';

/** The narrow Calendar scopes Agendo asks for, plus sign-in. */
export const NARROW_CALENDAR_SCOPES = [
  'https://www.googleapis.com/auth/calendar.events.owned',
  'https://www.googleapis.com/auth/calendar.events.freebusy',
  'https://www.googleapis.com/auth/calendar.calendars.readonly',
  'openid',
  'email',
];

/** The real `@googleapis/calendar` client with only its root URL pointed at the emulator. */
export function calendarApi(url: string): calendar_v3.Calendar {
  return calendar({ version: 'v3', rootUrl: `${url}/` });
}

/** Per-call options as Agendo passes them: the Bearer token, and no automatic retries. */
export function withToken(accessToken: string): { headers: Record<string, string>; retry: false } {
  return { headers: { authorization: `Bearer ${accessToken}` }, retry: false };
}

/** Runs the real OAuth flow (consent page, code exchange) and returns an access token for `email`. */
export async function calendarAccessToken(url: string, options: { email?: string; scopes?: string[] } = {}): Promise<string> {
  const tokens = await connectUser(url, createOAuthClient(url), {
    email: options.email ?? USER_EMAIL,
    scopes: options.scopes ?? NARROW_CALENDAR_SCOPES,
  });
  if (!tokens.access_token) throw new Error('no access token');
  return tokens.access_token;
}

/** A timed event body in UTC. */
export function timedEvent(start: string, end: string, extra: calendar_v3.Schema$Event = {}): calendar_v3.Schema$Event {
  return { summary: 'Cita', ...extra, start: { dateTime: start }, end: { dateTime: end } };
}

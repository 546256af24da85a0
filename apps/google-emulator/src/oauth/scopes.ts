const EMAIL_SCOPES = new Set(['email', 'https://www.googleapis.com/auth/userinfo.email']);

const CALENDAR = 'https://www.googleapis.com/auth/calendar';

/** Scopes any of which allows `calendars.get`. */
export const CALENDAR_METADATA_SCOPES = [CALENDAR, `${CALENDAR}.readonly`, `${CALENDAR}.calendars`, `${CALENDAR}.calendars.readonly`];

/** Scopes any of which allows reading events (`events.list`, `events.get`) of the user's own calendar. */
export const EVENTS_READ_SCOPES = [
  CALENDAR,
  `${CALENDAR}.readonly`,
  `${CALENDAR}.events`,
  `${CALENDAR}.events.readonly`,
  `${CALENDAR}.events.owned`,
  `${CALENDAR}.events.owned.readonly`,
];

/** Scopes any of which allows writing events (`events.insert`, `events.patch`, `events.delete`) of the user's own calendar. */
export const EVENTS_WRITE_SCOPES = [CALENDAR, `${CALENDAR}.events`, `${CALENDAR}.events.owned`];

/** Scopes any of which allows `freebusy.query`. */
export const FREEBUSY_SCOPES = [...EVENTS_READ_SCOPES, `${CALENDAR}.freebusy`, `${CALENDAR}.events.freebusy`];

/** Scopes any of which allows `channels.stop` (every Calendar scope this stand-in knows, as Google lists them all). */
export const CHANNELS_STOP_SCOPES = [...new Set([...FREEBUSY_SCOPES, ...CALENDAR_METADATA_SCOPES])];

const DESCRIPTIONS: Record<string, string> = {
  openid: 'Asociarte con tu información personal de Google',
  email: 'Ver la dirección de correo electrónico principal de tu cuenta de Google',
  'https://www.googleapis.com/auth/userinfo.email': 'Ver la dirección de correo electrónico principal de tu cuenta de Google',
  profile: 'Ver tu información personal, incluida la que hayas hecho pública',
  'https://www.googleapis.com/auth/userinfo.profile': 'Ver tu información personal, incluida la que hayas hecho pública',
  'https://www.googleapis.com/auth/calendar': 'Ver, editar, compartir y eliminar todos los calendarios a los que puedes acceder con Google Calendar',
  'https://www.googleapis.com/auth/calendar.readonly': 'Ver y descargar cualquier calendario al que puedas acceder con Google Calendar',
  'https://www.googleapis.com/auth/calendar.events': 'Ver y editar eventos en todos tus calendarios',
  'https://www.googleapis.com/auth/calendar.events.readonly': 'Ver eventos en todos tus calendarios',
  'https://www.googleapis.com/auth/calendar.freebusy': 'Ver tu disponibilidad en tus calendarios',
  'https://www.googleapis.com/auth/calendar.events.owned': 'Ver, crear, modificar y eliminar eventos en los calendarios de Google que te pertenecen',
  'https://www.googleapis.com/auth/calendar.events.owned.readonly': 'Ver eventos en los calendarios de Google que te pertenecen',
  'https://www.googleapis.com/auth/calendar.events.freebusy': 'Ver tu disponibilidad en Google Calendar',
  'https://www.googleapis.com/auth/calendar.calendars': 'Ver y cambiar las propiedades de tus calendarios de Google, como el título, la descripción y la zona horaria',
  'https://www.googleapis.com/auth/calendar.calendars.readonly': 'Ver el título, la descripción, la zona horaria predeterminada y otras propiedades de tus calendarios de Google',
};

/** Splits a space-delimited `scope` parameter into distinct scopes. */
export function parseScope(value: string | undefined): string[] {
  return [...new Set((value ?? '').split(/\s+/).filter((scope) => scope !== ''))];
}

/** Whether the scopes allow reading the user's email (`email` or its userinfo URL form). */
export function includesEmailScope(scopes: readonly string[]): boolean {
  return scopes.some((scope) => EMAIL_SCOPES.has(scope));
}

/** Whether the scopes ask for an ID token. */
export function includesOpenIdScope(scopes: readonly string[]): boolean {
  return scopes.includes('openid');
}

/** Whether any granted scope is one of `accepted`. */
export function hasAnyScope(granted: readonly string[], accepted: readonly string[]): boolean {
  return granted.some((scope) => accepted.includes(scope));
}

/** A Spanish, human description of a scope for the consent page (the scope itself if unknown). */
export function describeScope(scope: string): string {
  return DESCRIPTIONS[scope] ?? scope;
}

const EMAIL_SCOPES = new Set(['email', 'https://www.googleapis.com/auth/userinfo.email']);

const DESCRIPTIONS: Record<string, string> = {
  openid: 'Asociarte con tu información personal de Google',
  email: 'Ver la dirección de correo electrónico principal de tu cuenta de Google',
  'https://www.googleapis.com/auth/userinfo.email':
    'Ver la dirección de correo electrónico principal de tu cuenta de Google',
  profile: 'Ver tu información personal, incluida la que hayas hecho pública',
  'https://www.googleapis.com/auth/userinfo.profile':
    'Ver tu información personal, incluida la que hayas hecho pública',
  'https://www.googleapis.com/auth/calendar':
    'Ver, editar, compartir y eliminar todos los calendarios a los que puedes acceder con Google Calendar',
  'https://www.googleapis.com/auth/calendar.readonly':
    'Ver y descargar cualquier calendario al que puedas acceder con Google Calendar',
  'https://www.googleapis.com/auth/calendar.events': 'Ver y editar eventos en todos tus calendarios',
  'https://www.googleapis.com/auth/calendar.events.readonly': 'Ver eventos en todos tus calendarios',
  'https://www.googleapis.com/auth/calendar.freebusy': 'Ver tu disponibilidad en tus calendarios',
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

/** A Spanish, human description of a scope for the consent page (the scope itself if unknown). */
export function describeScope(scope: string): string {
  return DESCRIPTIONS[scope] ?? scope;
}

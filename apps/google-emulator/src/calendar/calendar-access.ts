import { authenticateBearer } from '../oauth/bearer.js';
import { hasAnyScope } from '../oauth/scopes.js';
import type { EmulatorState } from '../state/state.js';
import { GoogleApiError } from './google-api-error.js';

/**
 * The account (lower-cased email) a Calendar request acts for. Throws 401 for a missing, unknown,
 * expired or revoked token and 403 when the token has none of `acceptedScopes`.
 */
export function calendarAccount(state: EmulatorState, authorization: string | undefined, acceptedScopes: readonly string[]): string {
  const identity = authenticateBearer(state, authorization);
  if (identity === null) throw GoogleApiError.invalidCredentials();
  if (!hasAnyScope(identity.scopes, acceptedScopes)) throw GoogleApiError.insufficientScopes(acceptedScopes);
  return identity.email;
}

/** Throws 404 unless `calendarId` names the account's primary calendar (`primary` or its email). */
export function checkCalendarId(calendarId: string, email: string): void {
  if (calendarId !== 'primary' && calendarId.toLowerCase() !== email.toLowerCase()) throw GoogleApiError.notFound();
}

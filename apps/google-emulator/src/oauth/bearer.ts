import type { AccessToken, EmulatorState } from '../state/state.js';

/** Who a valid access token speaks for. */
export interface BearerIdentity {
  email: string;
  scopes: string[];
  clientId: string;
}

/** The token of an `Authorization: Bearer <token>` header, if any. */
export function parseBearer(authorization: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
}

/** The live access token behind an `Authorization` header, or undefined (missing, unknown, expired or revoked). */
export function liveBearerToken(state: EmulatorState, authorization: string | undefined): AccessToken | undefined {
  const token = parseBearer(authorization);
  return token === undefined ? undefined : state.liveAccessToken(token);
}

/**
 * Authenticates an `Authorization: Bearer ...` header for API endpoints (e.g. future Calendar routes).
 * Returns null when the token is missing, unknown, expired or revoked.
 */
export function authenticateBearer(state: EmulatorState, authorization: string | undefined): BearerIdentity | null {
  const accessToken = liveBearerToken(state, authorization);
  if (accessToken === undefined) return null;
  const { email, scopes, clientId } = accessToken.grant;
  return { email, scopes: [...scopes], clientId };
}

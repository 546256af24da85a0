import { includesEmailScope } from './scopes.js';
import type { SigningKey } from './signing-key.js';
import { subjectForEmail } from './subject.js';

/** Lifetime of an ID token, as Google's. */
export const ID_TOKEN_LIFETIME_SECONDS = 3600;

/** What an ID token is about. */
export interface IdTokenSubject {
  /** The emulator's own base URL, e.g. `http://127.0.0.1:60080`. */
  issuer: string;
  clientId: string;
  email: string;
  /** Granted scopes; `email` (and `email_verified`) are only included with the email scope. */
  scopes: readonly string[];
  /** Echoed when the authorization request carried one. */
  nonce?: string | undefined;
}

/** Creates a signed RS256 ID token with Google's claims. */
export function createIdToken(key: SigningKey, subject: IdTokenSubject): string {
  const iat = Math.floor(Date.now() / 1000);
  return key.signJwt({
    iss: subject.issuer,
    azp: subject.clientId,
    aud: subject.clientId,
    sub: subjectForEmail(subject.email),
    ...(includesEmailScope(subject.scopes) ? { email: subject.email, email_verified: true } : {}),
    ...(subject.nonce === undefined ? {} : { nonce: subject.nonce }),
    iat,
    exp: iat + ID_TOKEN_LIFETIME_SECONDS,
  });
}

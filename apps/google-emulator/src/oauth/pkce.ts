import { createHash } from 'node:crypto';

const CODE_CHALLENGE_FORMAT = /^[A-Za-z0-9\-._~]{43,128}$/;

/** Whether `challenge` has the shape RFC 7636 allows. */
export function isValidCodeChallenge(challenge: string): boolean {
  return CODE_CHALLENGE_FORMAT.test(challenge);
}

/** Whether `verifier` matches an S256 `challenge`: base64url(sha256(verifier)). */
export function verifyS256(verifier: string, challenge: string): boolean {
  return createHash('sha256').update(verifier).digest('base64url') === challenge;
}

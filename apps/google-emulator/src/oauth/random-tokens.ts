import { randomBytes } from 'node:crypto';

function randomText(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

/** A new opaque access token shaped like Google's (`ya29.` prefix). */
export function newAccessToken(): string {
  return `ya29.a0${randomText(120)}`;
}

/** A new opaque refresh token shaped like Google's (`1//` prefix). */
export function newRefreshToken(): string {
  return `1//0${randomText(72)}`;
}

/** A new authorization code shaped like Google's (`4/0` prefix). */
export function newAuthorizationCode(): string {
  return `4/0A${randomText(54)}`;
}

/** A new unguessable identifier for server-side records (pending requests, grants). */
export function newOpaqueId(): string {
  return randomText(24);
}

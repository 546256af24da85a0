import { createHash, timingSafeEqual } from 'node:crypto';

/** Query parameters of Meta's webhook subscription handshake (`GET`). */
export interface WebhookVerificationQuery {
  'hub.mode'?: string;
  'hub.verify_token'?: string;
  'hub.challenge'?: string;
}

/**
 * Checks Meta's subscription handshake: returns the `hub.challenge` to echo when `hub.mode` is
 * `subscribe` and `hub.verify_token` equals `verifyToken` (constant-time), otherwise `undefined`.
 */
export function verifySubscription(query: WebhookVerificationQuery, verifyToken: string): string | undefined {
  const token = query['hub.verify_token'];
  const challenge = query['hub.challenge'];
  if (query['hub.mode'] !== 'subscribe' || token === undefined || challenge === undefined) return undefined;
  return constantTimeEquals(token, verifyToken) ? challenge : undefined;
}

/** Compares digests so that neither the content nor the length of the secret leaks through timing. */
function constantTimeEquals(a: string, b: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(a), digest(b));
}

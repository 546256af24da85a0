import { createHmac, timingSafeEqual } from 'node:crypto';

const SIGNATURE_HEADER = /^sha256=([0-9a-f]{64})$/i;

/** The `X-Hub-Signature-256` value Meta sends for `rawBody`: `sha256=<hex HMAC-SHA256 with the app secret>`. */
export function webhookSignature(rawBody: Uint8Array, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}

/**
 * Whether `header` (the `X-Hub-Signature-256` request header) is the HMAC-SHA256 of the exact bytes
 * `rawBody` under `appSecret`. Compared in constant time; a missing or malformed header is invalid.
 */
export function isValidWebhookSignature(rawBody: Uint8Array, header: string | string[] | undefined, appSecret: string): boolean {
  if (typeof header !== 'string') return false;
  const match = SIGNATURE_HEADER.exec(header.trim());
  if (match?.[1] === undefined) return false;
  const received = Buffer.from(match[1], 'hex');
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  return received.length === expected.length && timingSafeEqual(received, expected);
}

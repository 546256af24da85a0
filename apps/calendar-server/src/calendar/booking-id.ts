import { createHash } from 'node:crypto';

const BASE32HEX = '0123456789abcdefghijklmnopqrstuv';

/**
 * The Google event id of a booking, derived from (customer, idempotency key): base32hex (Google's
 * allowed alphabet), 32 characters (160 bits). The same key always names the same event, so a retry,
 * a replayed message or a lost response can never create a second one.
 */
export function bookingIdFor(customerId: string, idempotencyKey: string): string {
  const digest = createHash('sha256').update(`agendo-booking:v1:${customerId}\n${idempotencyKey}`).digest();
  let bits = 0;
  let value = 0;
  let id = '';
  for (const byte of digest) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && id.length < 32) {
      id += BASE32HEX[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return id;
}

import { createHash, randomInt } from 'node:crypto';

const BASE32HEX = '0123456789abcdefghijklmnopqrstuv';
const EVENT_ID_FORMAT = /^[0-9a-v]{5,1024}$/;
const GENERATED_LENGTH = 26;

/** Whether a client-chosen event id is acceptable to Google: base32hex (`[0-9a-v]`), 5 to 1024 characters. */
export function isValidEventId(id: string): boolean {
  return EVENT_ID_FORMAT.test(id);
}

/** A new random event id, base32hex like Google's own (26 characters). */
export function newEventId(): string {
  let id = '';
  for (let index = 0; index < GENERATED_LENGTH; index++) id += BASE32HEX[randomInt(BASE32HEX.length)];
  return id;
}

/** A base32hex event id derived from `key` (same key, same id; 26 characters), for reproducible seeding. */
export function deterministicEventId(key: string): string {
  const digest = createHash('sha256').update(key).digest();
  let id = '';
  for (let index = 0; index < GENERATED_LENGTH; index++) id += BASE32HEX[(digest[index] ?? 0) % BASE32HEX.length];
  return id;
}

import { createHash } from 'node:crypto';

/** A 256-bit AES key and the short id stored beside every record it encrypts. */
export interface EncryptionKey {
  readonly id: string;
  readonly bytes: Buffer;
}

/** Thrown for a key that is missing, malformed or weak; the message says how to make a good one. */
export class EncryptionKeyError extends Error {
  override readonly name = 'EncryptionKeyError';
}

const HOW_TO = 'use 32 random bytes, base64 or hex encoded (e.g. `openssl rand -base64 32`)';

/**
 * Parses a key given as base64 (standard or url-safe) or hex text of exactly 32 bytes, and refuses
 * weak ones (placeholders, repeated or low-variety bytes). `variable` names the setting in errors.
 */
export function parseEncryptionKey(text: string, variable: string): EncryptionKey {
  const trimmed = text.trim();
  let bytes: Buffer | undefined;
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) {
    bytes = Buffer.from(trimmed, 'hex');
  } else if (/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) {
    bytes = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  }
  if (bytes?.length !== 32) {
    throw new EncryptionKeyError(`${variable}: is not a 32-byte key; ${HOW_TO}`);
  }
  if (new Set(bytes).size < 16) {
    throw new EncryptionKeyError(`${variable}: is too weak (too few distinct bytes to be random); ${HOW_TO}`);
  }
  return { id: keyIdOf(bytes), bytes };
}

/** The public id of a key: the first 16 hex digits of its SHA-256. */
export function keyIdOf(bytes: Buffer): string {
  return createHash('sha256').update('agendo-token-key:').update(bytes).digest('hex').slice(0, 16);
}

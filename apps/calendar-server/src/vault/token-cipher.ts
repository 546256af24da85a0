import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { EncryptionKey } from './encryption-key.js';

/** One encrypted value as stored: which key, the 96-bit nonce, and ciphertext followed by the 16-byte tag. */
export interface SealedValue {
  readonly keyId: string;
  readonly nonce: Buffer;
  readonly ciphertext: Buffer;
}

/** Thrown when a record cannot be decrypted: unknown key id, wrong key, tampering or wrong associated data. */
export class DecryptionError extends Error {
  override readonly name = 'DecryptionError';
}

const TAG_BYTES = 16;

/**
 * AES-256-GCM with a random 96-bit nonce per value. Encrypts with the current key; decrypts with
 * the current key or any previous one, chosen by the key id stored with the value.
 */
export class TokenCipher {
  readonly current: EncryptionKey;
  readonly #byId: Map<string, EncryptionKey>;

  constructor(current: EncryptionKey, previous: readonly EncryptionKey[] = []) {
    this.current = current;
    this.#byId = new Map([...previous, current].map((k) => [k.id, k]));
  }

  /** Whether values sealed under `keyId` can be opened. */
  knows(keyId: string): boolean {
    return this.#byId.has(keyId);
  }

  seal(plaintext: string, associatedData: string): SealedValue {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.current.bytes, nonce);
    cipher.setAAD(Buffer.from(associatedData, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return { keyId: this.current.id, nonce, ciphertext: Buffer.concat([body, cipher.getAuthTag()]) };
  }

  open(sealed: SealedValue, associatedData: string): string {
    const key = this.#byId.get(sealed.keyId);
    if (!key) throw new DecryptionError(`no key with id ${sealed.keyId} is configured`);
    if (sealed.ciphertext.length < TAG_BYTES) throw new DecryptionError('ciphertext is truncated');
    const body = sealed.ciphertext.subarray(0, sealed.ciphertext.length - TAG_BYTES);
    const tag = sealed.ciphertext.subarray(sealed.ciphertext.length - TAG_BYTES);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key.bytes, sealed.nonce);
      decipher.setAAD(Buffer.from(associatedData, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
    } catch {
      throw new DecryptionError(`authentication failed under key ${sealed.keyId} (wrong key, tampered record, or a record moved to another customer)`);
    }
  }
}

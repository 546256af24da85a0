import { createHash } from 'node:crypto';

/** Google-like `sub` for an email: a stable 21-digit numeric string derived from its hash. */
export function subjectForEmail(email: string): string {
  const digest = createHash('sha256').update(email.toLowerCase()).digest();
  return `1${(digest.readBigUInt64BE(0) % 10n ** 20n).toString().padStart(20, '0')}`;
}

import fs from 'node:fs';

/** Mode of a folder that holds secrets or databases: only its owner may list or enter it. */
export const PRIVATE_DIRECTORY_MODE = 0o700;

/**
 * Creates `dir` (and its parents) if missing and makes it mode 0700, whatever the umask, so that the
 * databases and generated secrets inside it are not readable by other users. A shared folder (sticky
 * bit, like /tmp) or one owned by another user is left as it is: narrowing it would break others.
 */
export function ensurePrivateDirectory(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIRECTORY_MODE });
  const stat = fs.statSync(dir);
  const ownedByUs = typeof process.getuid !== 'function' || stat.uid === process.getuid();
  const shared = (stat.mode & 0o1000) !== 0;
  if (ownedByUs && !shared && (stat.mode & 0o777) !== PRIVATE_DIRECTORY_MODE) fs.chmodSync(dir, PRIVATE_DIRECTORY_MODE);
}

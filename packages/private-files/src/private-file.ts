import fs from 'node:fs';

/** Mode of a database or secret file: read and write for its owner only. */
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Makes `file` exist with mode 0600, creating it empty if missing (before a library such as SQLite
 * creates it with the umask's mode) and narrowing it if an older version left it wider.
 */
export function ensurePrivateFile(file: string): void {
  try {
    fs.writeFileSync(file, '', { mode: PRIVATE_FILE_MODE, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  if ((fs.statSync(file).mode & 0o777) !== PRIVATE_FILE_MODE) fs.chmodSync(file, PRIVATE_FILE_MODE);
}

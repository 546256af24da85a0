import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Mode of files holding secrets (tokens, keys): the owner reads and writes, nobody else. */
export const PRIVATE_FILE_MODE = 0o600;

/** Mode of the folder holding them. */
export const PRIVATE_FOLDER_MODE = 0o700;

const STICKY_BIT = 0o1000;

/**
 * Creates `folder` (and missing parents) if needed and makes it 0700 whatever the umask — unless it
 * is a shared folder such as `/tmp` (sticky bit) or not ours, which are left alone: closing those
 * would break other users, and the file itself is 0600 anyway.
 */
export function ensurePrivateFolder(folder: string): void {
  mkdirSync(folder, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  const stats = statSync(folder);
  const ours = process.getuid === undefined || stats.uid === process.getuid();
  if (!ours || (stats.mode & STICKY_BIT) !== 0) return;
  if ((stats.mode & 0o777) !== PRIVATE_FOLDER_MODE) chmodSync(folder, PRIVATE_FOLDER_MODE);
}

/** The temporary files {@link writePrivateFileAtomically} uses for `target` start with this. */
export function temporaryPrefixOf(target: string): string {
  return `.${basename(target)}.tmp-`;
}

/**
 * Replaces `target` with `data` atomically: readers see the old content or the new, never a part.
 * Writes a temporary file in the same folder (created 0600, and chmod'ed 0600 against the umask),
 * fsyncs it, renames it over `target`, then fsyncs the folder so the rename survives a power cut.
 */
export async function writePrivateFileAtomically(target: string, data: string): Promise<void> {
  const folder = dirname(target);
  const temporary = join(folder, `${temporaryPrefixOf(target)}${process.pid}-${randomBytes(6).toString('hex')}`);
  const handle = await open(temporary, 'wx', PRIVATE_FILE_MODE);
  try {
    try {
      await handle.chmod(PRIVATE_FILE_MODE);
      await handle.writeFile(data, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await syncFolder(folder);
}

async function syncFolder(folder: string): Promise<void> {
  let handle;
  try {
    handle = await open(folder, 'r');
    await handle.sync();
  } catch {
    // Some platforms and file systems cannot fsync a directory; the rename is atomic regardless.
  } finally {
    await handle?.close();
  }
}

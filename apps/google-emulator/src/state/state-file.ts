import { chmodSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { ensurePrivateFolder, PRIVATE_FILE_MODE, temporaryPrefixOf, writePrivateFileAtomically } from './private-file.js';
import { parseStateDocument, type StateDocument } from './state-document.js';
import { StateFileError } from './state-file-error.js';

/** Wait after a change before writing, so that a burst of changes makes one write. */
export const DEFAULT_STATE_WRITE_DELAY_MS = 50;

/** Wait before trying again after a failed write. */
export const STATE_WRITE_RETRY_DELAY_MS = 1000;

/** Writes the file's whole content; atomically (see {@link writePrivateFileAtomically}) unless a test swaps it. */
export type StateFileWriter = (path: string, data: string) => Promise<void>;

/** How a {@link StateFile} writes. */
export interface StateFileOptions {
  /** Produces the file's content at write time (the latest state, not the state at the change). */
  render: () => string;
  /** Defaults to {@link DEFAULT_STATE_WRITE_DELAY_MS}. */
  delayMs?: number;
  /** Defaults to {@link writePrivateFileAtomically}. */
  write?: StateFileWriter;
  /** Told about each failed background write (which is retried); defaults to a line on stderr. */
  onError?: (error: StateFileError) => void;
}

/** What `GET /__emulator/state-file` reports. */
export interface StateFileStatus {
  path: string;
  /** Completed writes since start. */
  writes: number;
  /** Time of the last completed write, ISO 8601, or null. */
  lastWriteAt: string | null;
  /** A change not yet on disk. */
  dirty: boolean;
  /** The last write's error, if it failed and has not succeeded since. */
  error: string | null;
}

/**
 * The emulator's state file: read once at start, then rewritten whole after changes. Writes are
 * coalesced — {@link markDirty} only sets a flag and arms a short timer, at most one write is in
 * flight, and changes made during a write are saved by the next one — so a burst of a thousand
 * changes costs a handful of writes. Each write is atomic and leaves the file 0600 in a 0700 folder.
 */
export class StateFile {
  /** Absolute path of the file. */
  readonly path: string;
  readonly #render: () => string;
  readonly #delayMs: number;
  readonly #write: StateFileWriter;
  readonly #onError: (error: StateFileError) => void;
  #dirty = false;
  #timer: NodeJS.Timeout | undefined;
  #inFlight: Promise<void> | undefined;
  #failure: StateFileError | undefined;
  #closed = false;
  #writes = 0;
  #lastWriteAt: number | undefined;

  constructor(path: string, options: StateFileOptions) {
    this.path = resolve(path);
    this.#render = options.render;
    this.#delayMs = options.delayMs ?? DEFAULT_STATE_WRITE_DELAY_MS;
    this.#write = options.write ?? writePrivateFileAtomically;
    this.#onError = options.onError ?? ((error) => process.stderr.write(`google-emulator: ${error.message} Retrying in ${STATE_WRITE_RETRY_DELAY_MS} ms.\n`));
  }

  /**
   * Prepares the folder (created, 0700), removes temporary files a crash left behind, and reads the
   * document: undefined if there is no file yet. Throws a {@link StateFileError} if the file exists
   * but cannot be read or parsed — it is then left untouched.
   */
  read(): StateDocument | undefined {
    const folder = dirname(this.path);
    try {
      ensurePrivateFolder(folder);
    } catch (error) {
      throw StateFileError.writeFailed(this.path, error);
    }
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw StateFileError.unreadable(this.path, error);
      this.#removeLeftovers(folder);
      return undefined;
    }
    const document = parseStateDocument(text, this.path);
    this.#removeLeftovers(folder);
    this.#tightenMode();
    return document;
  }

  /** Notes a change; it is written within about {@link DEFAULT_STATE_WRITE_DELAY_MS}. Ignored after {@link close}. */
  markDirty(): void {
    if (this.#closed) return;
    this.#dirty = true;
    this.#schedule(this.#delayMs);
  }

  /** Writes any pending change now (waiting for a write in flight first); throws if that write fails. */
  async flush(): Promise<void> {
    for (;;) {
      this.#cancelTimer();
      if (this.#inFlight !== undefined) {
        await this.#inFlight;
        continue;
      }
      if (!this.#dirty) return;
      await this.#writeNow();
      if (this.#failure !== undefined) throw this.#failure;
    }
  }

  /** Flushes, then stops saving: later changes are not written. Throws if the last write fails. */
  async close(): Promise<void> {
    this.#closed = true;
    try {
      await this.flush();
    } finally {
      this.#cancelTimer();
    }
  }

  /** Counters for the control API and tests. */
  status(): StateFileStatus {
    return {
      path: this.path,
      writes: this.#writes,
      lastWriteAt: this.#lastWriteAt === undefined ? null : new Date(this.#lastWriteAt).toISOString(),
      dirty: this.#dirty || this.#inFlight !== undefined,
      error: this.#failure?.message ?? null,
    };
  }

  #schedule(delayMs: number): void {
    if (this.#timer !== undefined || this.#inFlight !== undefined) return; // the write in flight reschedules
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#writeNow();
    }, delayMs);
  }

  #cancelTimer(): void {
    if (this.#timer === undefined) return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  async #writeNow(): Promise<void> {
    if (this.#inFlight !== undefined || !this.#dirty) return;
    this.#dirty = false;
    const attempt = this.#attempt();
    this.#inFlight = attempt;
    await attempt;
    this.#inFlight = undefined;
    if (this.#dirty && !this.#closed) this.#schedule(this.#failure === undefined ? this.#delayMs : STATE_WRITE_RETRY_DELAY_MS);
  }

  async #attempt(): Promise<void> {
    try {
      await this.#write(this.path, this.#render());
      this.#writes += 1;
      this.#lastWriteAt = Date.now();
      this.#failure = undefined;
    } catch (error) {
      this.#dirty = true;
      this.#failure = error instanceof StateFileError ? error : StateFileError.writeFailed(this.path, error);
      if (!this.#closed) this.#onError(this.#failure);
    }
  }

  #removeLeftovers(folder: string): void {
    const prefix = temporaryPrefixOf(this.path);
    for (const name of readdirSync(folder)) {
      if (name.startsWith(prefix)) rmSync(join(folder, name), { force: true });
    }
  }

  /** A file copied in or written by an older version may be readable by others; it holds tokens. */
  #tightenMode(): void {
    try {
      if ((statSync(this.path).mode & 0o777) !== PRIVATE_FILE_MODE) chmodSync(this.path, PRIVATE_FILE_MODE);
    } catch (error) {
      process.stderr.write(`google-emulator: cannot make ${basename(this.path)} private (mode 0600): ${(error as Error).message}\n`);
    }
  }
}

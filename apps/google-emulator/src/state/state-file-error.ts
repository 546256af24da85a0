/** Why a state file could not be used; stable, for callers and tests to tell the cases apart. */
export type StateFileErrorCode =
  /** The file exists but cannot be read (permissions, a folder in its place, …). */
  | 'STATE_FILE_UNREADABLE'
  /** The file is not a state document: bad JSON, a truncated write, a field of the wrong shape. */
  | 'STATE_FILE_CORRUPT'
  /** The file is a state document of a format version this emulator does not read. */
  | 'STATE_FILE_UNSUPPORTED_VERSION'
  /** Writing the file failed (disk full, permissions, …). */
  | 'STATE_FILE_WRITE_FAILED';

const ADVICE = 'Delete it to start the Google stand-in empty (connected demo customers will then have to connect their calendar again), or restore a backup of it.';

/**
 * A state file (`stateFile` / `EMULATOR_STATE_FILE`) that cannot be loaded or saved. The message
 * names the file, says what is wrong and what to do, so that `main.ts` can print it as is instead
 * of a stack trace — and the emulator never starts empty over a file it could not read.
 */
export class StateFileError extends Error {
  readonly code: StateFileErrorCode;
  /** Absolute path of the state file. */
  readonly file: string;

  constructor(code: StateFileErrorCode, file: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StateFileError';
    this.code = code;
    this.file = file;
  }

  /** The file exists but could not be read. */
  static unreadable(file: string, cause: unknown): StateFileError {
    return new StateFileError(
      'STATE_FILE_UNREADABLE',
      file,
      `Cannot read the Google stand-in's state file ${file}: ${reasonOf(cause)}. Fix its permissions, or ${lowerFirst(ADVICE)}`,
      { cause },
    );
  }

  /** The file is not a valid state document; `problem` says where. */
  static corrupt(file: string, problem: string, cause?: unknown): StateFileError {
    return new StateFileError(
      'STATE_FILE_CORRUPT',
      file,
      `The Google stand-in's state file ${file} is corrupt (${problem}); nothing was changed. ${ADVICE}`,
      cause === undefined ? undefined : { cause },
    );
  }

  /** The file is of another format version. */
  static unsupportedVersion(file: string, found: unknown, supported: number): StateFileError {
    return new StateFileError(
      'STATE_FILE_UNSUPPORTED_VERSION',
      file,
      `The Google stand-in's state file ${file} has format version ${JSON.stringify(found)}, but this emulator reads version ${supported} only; nothing was changed. ${ADVICE}`,
    );
  }

  /** Saving the state failed. */
  static writeFailed(file: string, cause: unknown): StateFileError {
    return new StateFileError('STATE_FILE_WRITE_FAILED', file, `Cannot save the Google stand-in's state to ${file}: ${reasonOf(cause)}.`, { cause });
  }
}

function reasonOf(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

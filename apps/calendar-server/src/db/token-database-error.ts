/** Stable codes of {@link TokenDatabaseError}. */
export type TokenDatabaseErrorCode = 'token_database_read_only' | 'token_database_corrupt' | 'token_database_full' | 'token_database_unavailable';

/**
 * The token database cannot be used: read-only, corrupt, full or otherwise failing. The message names
 * the file and says what to do; it is what the start-up refusal prints and what a request that needed
 * the database is answered (503), instead of a stack trace or a crash.
 */
export class TokenDatabaseError extends Error {
  override readonly name = 'TokenDatabaseError';
  readonly code: TokenDatabaseErrorCode;
  readonly file: string;

  constructor(code: TokenDatabaseErrorCode, file: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.file = file;
  }
}

/** The SQLite result code (`SQLITE_READONLY`, …) of an error or of its causes, if it has one. */
function sqliteCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_')) return code;
  }
  return undefined;
}

/**
 * Turns a SQLite failure on the token database at `file` into a {@link TokenDatabaseError} with advice;
 * undefined when `err` is not a SQLite error (a bug, not a storage fault).
 */
export function tokenDatabaseFailure(err: unknown, file: string): TokenDatabaseError | undefined {
  if (err instanceof TokenDatabaseError) return err;
  const code = sqliteCode(err);
  if (!code) return undefined;
  const detail = `${code}: ${(err as Error).message}`;
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code === 'SQLITE_PERM' || code === 'SQLITE_AUTH') {
    return new TokenDatabaseError(
      'token_database_read_only',
      file,
      `The token database ${file} cannot be written (${detail}). Make the file and its folder writable by the user running the server.`,
      { cause: err },
    );
  }
  if (code.startsWith('SQLITE_NOTADB') || code.startsWith('SQLITE_CORRUPT')) {
    return new TokenDatabaseError(
      'token_database_corrupt',
      file,
      `The token database ${file} is not a SQLite database or is corrupt (${detail}). Restore it from a backup, or move it aside to start with an empty one (every customer will have to connect their calendar again).`,
      { cause: err },
    );
  }
  if (code.startsWith('SQLITE_FULL')) {
    return new TokenDatabaseError('token_database_full', file, `The disk holding the token database ${file} is full (${detail}). Free some space.`, { cause: err });
  }
  return new TokenDatabaseError(
    'token_database_unavailable',
    file,
    `The token database ${file} failed (${detail}). Check the file, its folder and the disk.`,
    { cause: err },
  );
}

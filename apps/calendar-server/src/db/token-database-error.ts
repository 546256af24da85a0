/** Stable codes of {@link TokenDatabaseError}. */
export type TokenDatabaseErrorCode =
  | 'token_database_read_only'
  | 'token_database_corrupt'
  | 'token_database_full'
  | 'token_database_unavailable'
  /** PostgreSQL (`DATABASE_URL`) cannot be reached or dropped the connection. */
  | 'token_database_unreachable';

/**
 * The token database cannot be used: read-only, corrupt, full or otherwise failing. The message names
 * the file and says what to do; it is what the start-up refusal prints and what a request that needed
 * the database is answered (503), instead of a stack trace or a crash.
 */
export class TokenDatabaseError extends Error {
  override readonly name = 'TokenDatabaseError';
  readonly code: TokenDatabaseErrorCode;
  /** The SQLite file, or the PostgreSQL URL (password hidden) and schema. */
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

/** Socket errors of a lost or refused connection to PostgreSQL. */
const CONNECTION_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);

/** What `pg` says (without an error code) when its connection ends under a query. */
const CONNECTION_LOST = /Connection terminated|connection error and is not queryable|Client was closed and is not queryable|timeout exceeded when trying to connect/i;

/** Where PostgreSQL's fault lies, from its SQLSTATE or a socket error, if `err` (or a cause) is one. */
function postgresFault(err: unknown): { code: TokenDatabaseErrorCode; detail: string } | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    const message = (e as Error).message ?? '';
    if (typeof code === 'string' && CONNECTION_ERRNOS.has(code)) return { code: 'token_database_unreachable', detail: `${code}: ${message}` };
    // A pg error carries its SQLSTATE (5 characters) and a severity; other libraries' codes are left alone.
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && typeof (e as { severity?: unknown }).severity === 'string') {
      const detail = `SQLSTATE ${code}: ${message}`;
      // 08: connection exception; 57P0x: server shutting down or starting; 53300: too many connections.
      if (code.startsWith('08') || /^57P0[1-4]$/.test(code) || code === '53300') return { code: 'token_database_unreachable', detail };
      // 55000 at connect: the database does not accept connections now (ALLOW_CONNECTIONS false).
      if (code === '55000' && /not currently accepting connections/i.test(message)) return { code: 'token_database_unreachable', detail };
      if (code === '53100') return { code: 'token_database_full', detail };
      if (code === '25006') return { code: 'token_database_read_only', detail };
      if (code === 'XX001' || code === 'XX002') return { code: 'token_database_corrupt', detail };
      // 28: bad credentials; 3D000: no such database; 53: out of resources; 58: system error; 42501: no privilege.
      if (code.startsWith('28') || code === '3D000' || code.startsWith('53') || code.startsWith('58') || code === '42501') return { code: 'token_database_unavailable', detail };
      return undefined;
    }
    if (!code && CONNECTION_LOST.test(message)) return { code: 'token_database_unreachable', detail: message };
  }
  return undefined;
}

/**
 * Turns a storage failure of the token database at `file` (the SQLite file, or the PostgreSQL URL
 * without its password) into a {@link TokenDatabaseError} with advice; undefined when `err` is neither a
 * SQLite error nor a PostgreSQL connection or server fault (a bug — a constraint, a syntax error — not
 * a storage fault).
 */
export function tokenDatabaseFailure(err: unknown, file: string): TokenDatabaseError | undefined {
  if (err instanceof TokenDatabaseError) return err;
  const code = sqliteCode(err);
  if (!code) {
    const fault = postgresFault(err);
    if (!fault) return undefined;
    const advice: Record<TokenDatabaseErrorCode, string> = {
      token_database_unreachable: 'PostgreSQL cannot be reached or dropped the connection. Check that it runs and that DATABASE_URL names it.',
      token_database_full: "PostgreSQL's disk is full. Free some space.",
      token_database_read_only: 'PostgreSQL accepts only reads (a standby?). Point DATABASE_URL at the primary.',
      token_database_corrupt: 'PostgreSQL reports corrupt data. Restore from a backup.',
      token_database_unavailable: "PostgreSQL refused the server (credentials, database, privileges or resources). Check DATABASE_URL and the server's log.",
    };
    return new TokenDatabaseError(fault.code, file, `The token database ${file} failed (${fault.detail}). ${advice[fault.code]}`, { cause: err });
  }
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
  return new TokenDatabaseError('token_database_unavailable', file, `The token database ${file} failed (${detail}). Check the file, its folder and the disk.`, { cause: err });
}

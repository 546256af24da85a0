import path from 'node:path';

/**
 * Files Vite's dev server must never hand out, whatever folder they are in: environment files, the
 * databases (with SQLite's `-wal`/`-shm`), keys and certificates, and the demo's generated secrets and
 * Google stand-in state. Patterns without a `/` match the file name anywhere (Vite's rule).
 */
export const SECRET_FILE_PATTERNS = [
  '.env',
  '.env.*',
  '*.db',
  '*.db-wal',
  '*.db-shm',
  '*.sqlite',
  '*.key',
  '*.pem',
  'mcp-api-key',
  'admin-password',
  'admin-token',
  'token-encryption.key',
  'google-emulator-state.json',
] as const;

/** Escapes glob metacharacters so an absolute folder path matches only itself. */
function literalGlob(absolutePath: string): string {
  return absolutePath
    .split(path.sep)
    .join('/')
    .replace(/[*?[\]{}()!+@\\]/g, '\\$&');
}

/**
 * The data folder as Vite `server.fs.deny` patterns (itself and everything below it). `DATA_DIR` is
 * resolved against the repository root, as `npm run dev` from the root does; `<repo>/data` (the
 * default) is always denied too.
 */
export function dataDirPatterns(repoRoot: string, dataDir: string | undefined): string[] {
  const folders = new Set([path.resolve(repoRoot, 'data'), path.resolve(repoRoot, dataDir?.trim() || 'data')]);
  return [...folders].flatMap((folder) => [literalGlob(folder), `${literalGlob(folder)}/**`]);
}

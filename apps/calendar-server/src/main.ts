import fs from 'node:fs';
import path from 'node:path';
import { type Config, ConfigError, loadConfig } from './config.js';
import { describeTokenDatabase } from './db/token-database.js';
import { TokenDatabaseError } from './db/token-database-error.js';
import { startServer } from './server.js';
import { DEMO_KEY_FILE } from './vault/cipher-from-config.js';
import { EncryptionKeyError } from './vault/encryption-key.js';
import { VaultKeyMismatchError } from './vault/token-vault.js';

const KNOWN_STARTUP_ERRORS = [ConfigError, EncryptionKeyError, VaultKeyMismatchError, TokenDatabaseError];

/**
 * Where an encryption key shows that connections were stored before: the demo's key file, or old keys
 * kept for rotation. Undefined when nothing says so (a first start).
 */
function earlierKey(config: Config): string | undefined {
  if (config.tokenEncryptionKey) return config.previousTokenEncryptionKeys.length > 0 ? 'TOKEN_ENCRYPTION_KEYS_PREVIOUS' : undefined;
  const demoKey = path.join(config.dataDir, DEMO_KEY_FILE);
  return fs.existsSync(demoKey) ? demoKey : undefined;
}

// `.env` in the working directory, when present, fills in what the real environment does not set.
if (fs.existsSync('.env')) process.loadEnvFile('.env');

try {
  const config = loadConfig();
  // PostgreSQL (DATABASE_URL) keeps no file here: the warning below is about the SQLite file.
  const databaseExisted = config.databaseUrl !== undefined || fs.existsSync(config.tokenDbPath);
  const keyExisted = earlierKey(config);
  const server = await startServer(config);
  if (!databaseExisted && keyExisted) {
    process.stderr.write(
      `calendar-server: WARNING: the token database ${config.tokenDbPath} was created new, but an encryption key already existed (${keyExisted}): ` +
        'the connections stored before are lost (the file was deleted or moved, or DATA_DIR/TOKEN_DB_PATH changed). ' +
        'Restore the file (stop the server first) or point TOKEN_DB_PATH at it; otherwise every customer must connect their calendar again.\n',
    );
  }
  const lines = [
    `Agendo MCP Calendar Server listening on ${server.url}`,
    `  mode: ${config.mode === 'emulator' ? `demo, Google stand-in at ${config.google.oauthBaseUrl}` : 'Google'}`,
    `  token database: ${describeTokenDatabase({ file: config.tokenDbPath, url: config.databaseUrl })}`,
  ];
  if (server.demoKeyFile)
    lines.push(`  encryption key: ${server.demoKeyCreated ? 'generated into' : 'read from'} ${server.demoKeyFile} (demo only; set TOKEN_ENCRYPTION_KEY in production)`);
  process.stdout.write(`${lines.join('\n')}\n`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.app.log.info({ signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
} catch (err) {
  if (KNOWN_STARTUP_ERRORS.some((E) => err instanceof E)) {
    process.stderr.write(`calendar-server: cannot start.\n${(err as Error).message}\n`);
  } else {
    process.stderr.write(`calendar-server: cannot start: ${(err as Error).stack ?? String(err)}\n`);
  }
  process.exit(1);
}

import fs from 'node:fs';
import { ConfigError, loadConfig } from './config.js';
import { startServer } from './server.js';
import { EncryptionKeyError } from './vault/encryption-key.js';
import { VaultKeyMismatchError } from './vault/token-vault.js';

const KNOWN_STARTUP_ERRORS = [ConfigError, EncryptionKeyError, VaultKeyMismatchError];

// `.env` in the working directory, when present, fills in what the real environment does not set.
if (fs.existsSync('.env')) process.loadEnvFile('.env');

try {
  const config = loadConfig();
  const server = await startServer(config);
  const lines = [
    `Agendo MCP Calendar Server listening on ${server.url}`,
    `  mode: ${config.mode === 'emulator' ? `demo, Google stand-in at ${config.google.oauthBaseUrl}` : 'Google'}`,
    `  token database: ${config.tokenDbPath}`,
  ];
  if (server.demoKeyFile) lines.push(`  encryption key: ${server.demoKeyCreated ? 'generated into' : 'read from'} ${server.demoKeyFile} (demo only; set TOKEN_ENCRYPTION_KEY in production)`);
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

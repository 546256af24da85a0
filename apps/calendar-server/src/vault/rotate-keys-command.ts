/**
 * `npm run -w apps/calendar-server rotate-keys`: re-encrypts every stored connection with the current
 * TOKEN_ENCRYPTION_KEY. Old keys must be listed in TOKEN_ENCRYPTION_KEYS_PREVIOUS while it runs; once
 * it reports done, they can be removed.
 */
import { ConfigError, loadConfig } from '../config.js';
import { describeTokenDatabase, openTokenDatabase } from '../db/token-database.js';
import { loadCipher } from './cipher-from-config.js';
import { EncryptionKeyError } from './encryption-key.js';
import { TokenVault, VaultKeyMismatchError } from './token-vault.js';

try {
  const config = loadConfig();
  const { cipher } = loadCipher(config);
  const store = await openTokenDatabase({ file: config.tokenDbPath, url: config.databaseUrl });
  try {
    const vault = new TokenVault(store.db, cipher);
    await vault.verifyKeys();
    process.stdout.write(`rotate-keys: re-encrypting ${describeTokenDatabase({ file: config.tokenDbPath, url: config.databaseUrl })} with key id ${cipher.current.id}\n`);
    const { rotated } = await vault.rotate((done, total) => process.stdout.write(`rotate-keys: ${done}/${total} connections re-encrypted\n`));
    process.stdout.write(
      rotated === 0
        ? 'rotate-keys: every connection was already under the current key; nothing to do.\n'
        : `rotate-keys: done, ${rotated} connection(s) re-encrypted. Previous keys can now be removed from TOKEN_ENCRYPTION_KEYS_PREVIOUS.\n`,
    );
  } finally {
    await store.close();
  }
} catch (err) {
  const known = err instanceof ConfigError || err instanceof EncryptionKeyError || err instanceof VaultKeyMismatchError;
  process.stderr.write(`rotate-keys: failed.\n${known ? (err as Error).message : ((err as Error).stack ?? String(err))}\n`);
  process.exit(1);
}

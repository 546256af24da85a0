import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ensurePrivateFile } from '@agendo/private-files';
import type { Config } from '../config.js';
import { parseEncryptionKey } from './encryption-key.js';
import { TokenCipher } from './token-cipher.js';

/** Name of the key file the demo keeps in `DATA_DIR` when no `TOKEN_ENCRYPTION_KEY` is set. */
export const DEMO_KEY_FILE = 'token-encryption.key';

/** The cipher for the configured keys, and where the key came from (for the start-up banner). */
export interface LoadedCipher {
  readonly cipher: TokenCipher;
  /** Set when the key lives in a demo key file rather than in the environment. */
  readonly demoKeyFile: string | undefined;
  readonly demoKeyCreated: boolean;
}

/**
 * Builds the token cipher from `TOKEN_ENCRYPTION_KEY` and `TOKEN_ENCRYPTION_KEYS_PREVIOUS`. Without a
 * key (allowed only outside production with the stand-in, see config), reads or creates a random one
 * in `DATA_DIR` with mode 0600.
 */
export function loadCipher(config: Config): LoadedCipher {
  const previous = config.previousTokenEncryptionKeys.map((k, i) => parseEncryptionKey(k, `TOKEN_ENCRYPTION_KEYS_PREVIOUS[${i}]`));
  if (config.tokenEncryptionKey) {
    return { cipher: new TokenCipher(parseEncryptionKey(config.tokenEncryptionKey, 'TOKEN_ENCRYPTION_KEY'), previous), demoKeyFile: undefined, demoKeyCreated: false };
  }
  const file = path.join(config.dataDir, DEMO_KEY_FILE);
  let created = false;
  if (!fs.existsSync(file)) {
    fs.mkdirSync(config.dataDir, { recursive: true });
    fs.writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    created = true;
  }
  ensurePrivateFile(file);
  const key = parseEncryptionKey(fs.readFileSync(file, 'utf8'), `${file} (demo TOKEN_ENCRYPTION_KEY)`);
  return { cipher: new TokenCipher(key, previous), demoKeyFile: file, demoKeyCreated: created };
}

import { ensurePrivateDirectory } from '@agendo/private-files';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { BookingService } from './calendar/booking-service.js';
import { createCalendarBackends } from './calendar/calendar-backends.js';
import type { RetryPolicy } from './calendar/google/google-retry.js';
import type { Config } from './config.js';
import { openTokenDatabase } from './db/token-database.js';
import { createOAuthClient } from './oauth/google-oauth-client.js';
import { Metrics } from './metrics/metrics.js';
import { PendingAuthorizations } from './oauth/pending-authorizations.js';
import { AccessTokens } from './tokens/access-tokens.js';
import { googleTokenRefresher } from './tokens/token-refresher.js';
import { loadCipher } from './vault/cipher-from-config.js';
import { TokenVault } from './vault/token-vault.js';

/** A listening calendar server and what it was started with. */
export interface RunningServer {
  readonly app: FastifyInstance;
  /** Base URL, e.g. `http://127.0.0.1:60000`. */
  readonly url: string;
  readonly vault: TokenVault;
  readonly tokens: AccessTokens;
  readonly demoKeyFile: string | undefined;
  readonly demoKeyCreated: boolean;
  close(): Promise<void>;
}

/**
 * Opens the token database, checks the encryption keys against the data on disk (refusing to start
 * on a mismatch), and starts listening. `DATA_DIR` is made private (0700) first.
 */
export async function startServer(config: Config, options: { logger?: boolean; retry?: RetryPolicy } = {}): Promise<RunningServer> {
  ensurePrivateDirectory(config.dataDir);
  const { cipher, demoKeyFile, demoKeyCreated } = loadCipher(config);
  const db = await openTokenDatabase(config.tokenDbPath);
  const vault = new TokenVault(db, cipher);
  try {
    await vault.verifyKeys();
  } catch (err) {
    await db.destroy();
    throw err;
  }
  const tokens = new AccessTokens(vault, googleTokenRefresher(config));
  const metrics = new Metrics(tokens.stats);
  const backends = createCalendarBackends(config, { tokens, retry: options.retry, onRequest: (method) => metrics.googleRequests.inc({ method }) });
  const bookings = new BookingService(backends);
  const app = buildApp(
    { config, db, vault, tokens, bookings, metrics, states: new PendingAuthorizations(db), oauthClient: createOAuthClient(config) },
    options,
  );
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (err) {
    await db.destroy();
    throw err;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return {
    app,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    vault,
    tokens,
    demoKeyFile,
    demoKeyCreated,
    async close() {
      await app.close();
      await db.destroy();
    },
  };
}

import { closeGracefully } from '@agendo/http-shutdown';
import { ensurePrivateDirectory } from '@agendo/private-files';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { BookingService } from './calendar/booking-service.js';
import { createCalendarBackends } from './calendar/calendar-backends.js';
import type { RetryPolicy } from './calendar/google/google-retry.js';
import { SharedBusyAnswers } from './calendar/shared-busy-answers.js';
import type { Config } from './config.js';
import { openTokenDatabase, type TokenStore } from './db/token-database.js';
import { Metrics } from './metrics/metrics.js';
import { createOAuthClient } from './oauth/google-oauth-client.js';
import { PendingAuthorizations } from './oauth/pending-authorizations.js';
import { connectedCustomerIds } from './push/connected-customers.js';
import { NOTIFICATION_PATH } from './push/notification-route.js';
import { PushChannels, type PushChannelTiming } from './push/push-channels.js';
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
  /** The token database (SQLite or PostgreSQL) with its locks and change feed. */
  readonly database: TokenStore;
  readonly tokens: AccessTokens;
  /** Google push channels, when `PUBLIC_BASE_URL` is set. */
  readonly push: PushChannels | undefined;
  readonly demoKeyFile: string | undefined;
  readonly demoKeyCreated: boolean;
  close(): Promise<void>;
}

/**
 * Opens the token database, checks the encryption keys against the data on disk (refusing to start
 * on a mismatch), and starts listening. `DATA_DIR` is made private (0700) first.
 */
/** How a server is started beyond its configuration (tests tune these). */
export interface ServerOptions {
  readonly logger?: boolean;
  readonly retry?: RetryPolicy;
  readonly push?: PushChannelTiming;
}

export async function startServer(config: Config, options: ServerOptions = {}): Promise<RunningServer> {
  ensurePrivateDirectory(config.dataDir);
  const { cipher, demoKeyFile, demoKeyCreated } = loadCipher(config);
  const store = await openTokenDatabase({ file: config.tokenDbPath, url: config.databaseUrl });
  const db = store.db;
  // Several replicas may share PostgreSQL: the busy answers are kept in it, other caches are invalidated
  // through its change feed, and the per-calendar and per-connection locks are its advisory locks. SQLite
  // is one process: its locks are in-process queues, its busy answers in memory, and nothing needs publishing.
  const feed = store.dialect === 'postgres' ? store.changes : undefined;
  const reportUnpublished = (what: string) => (key: string, err: unknown) =>
    app.log.warn({ key, err: (err as Error).message }, `could not tell the other replicas that ${what} changed; their caches drop everything when their change feed reconnects`);
  const vault = new TokenVault(db, cipher, { ...(feed ? { changes: feed } : {}), onPublishFailure: reportUnpublished('a connection') });
  try {
    await vault.verifyKeys();
    await vault.listen();
  } catch (err) {
    await store.close();
    throw err;
  }
  const tokens = new AccessTokens(vault, googleTokenRefresher(config), { refreshTimeoutMs: config.googleRequestTimeoutMs, locks: store.locks });
  const metrics = new Metrics(tokens.stats);
  const backends = createCalendarBackends(config, { tokens, retry: options.retry, onRequest: (method) => metrics.googleRequests.inc({ method }) });
  let push: PushChannels | undefined;
  const bookings = new BookingService(backends, {
    deadlineMs: config.toolDeadlineMs,
    liveChannels: { isLive: (key) => push?.isLive(key) ?? false },
    locks: store.locks,
    ...(store.dialect === 'postgres' ? { busyAnswers: new SharedBusyAnswers(db) } : {}),
    onPublishFailure: (key, err) =>
      app.log.warn({ key, err: (err as Error).message }, 'could not drop the shared busy answers of a calendar that changed; retrying until PostgreSQL takes it (or they expired)'),
  });
  if (config.publicBaseUrl) {
    push = new PushChannels({
      ...options.push,
      backends,
      address: `${config.publicBaseUrl}${NOTIFICATION_PATH}`,
      onCalendarChanged: (key) => bookings.calendarChanged(key),
      store,
      onlyProcess: store.dialect === 'sqlite',
      log: { info: (fields, message) => app.log.info(fields, message), warn: (fields, message) => app.log.warn(fields, message) },
    });
    const channels = push;
    vault.onChange((customerId) => channels.customerChanged(customerId));
  }
  const app = buildApp({ config, db, vault, tokens, bookings, metrics, push, states: new PendingAuthorizations(db), oauthClient: createOAuthClient(config) }, options);
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (err) {
    bookings.close();
    vault.close();
    await store.close();
    throw err;
  }
  // After listening: Google's first (`sync`) message comes right after each watch.
  if (push) {
    const channels = push;
    connectedCustomerIds(db)
      .then((ids) => channels.start(ids))
      .catch((err: unknown) => app.log.warn({ err: (err as Error).message }, 'could not open the push channels at start'));
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return {
    app,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    vault,
    database: store,
    tokens,
    push,
    demoKeyFile,
    demoKeyCreated,
    async close() {
      await push?.close();
      await closeGracefully(app);
      bookings.close();
      vault.close();
      await store.close();
    },
  };
}

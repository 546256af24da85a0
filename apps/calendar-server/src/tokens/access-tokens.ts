import { type ExclusiveLocks, LockTimeoutError } from '@agendo/database';
import { CalendarError } from '../calendar/calendar-error.js';
import { currentCallDeadline } from '../calendar/call-deadline.js';
import { googleErrorCode } from '../oauth/google-error-code.js';
import type { Connection, OAuthTokens, TokenVault } from '../vault/token-vault.js';
import type { TokenRefresher } from './token-refresher.js';

/** Counters the metrics endpoint and tests read. */
export interface AccessTokenStats {
  refreshes: number;
  refreshFailures: number;
}

/** Tuning and coordination of {@link AccessTokens}. */
export interface AccessTokensOptions {
  /** Tokens closer than this to expiry are refreshed first (5 minutes). */
  readonly refreshMarginMs?: number;
  /** The token endpoint's answer is awaited this long (10 s). */
  readonly refreshTimeoutMs?: number;
  /**
   * The lock every replica takes (`refresh:<customer>`) to refresh a connection, so that only one of
   * them refreshes (PostgreSQL advisory locks); unset: this process's single flight alone.
   */
  readonly locks?: ExclusiveLocks;
}

/**
 * Hands out a valid access token per customer. Decrypted connections are cached in memory (the hot
 * path touches neither the database nor the cipher) and dropped when the vault says a connection
 * changed (in any replica); tokens are refreshed ahead of expiry, and one refresh per customer runs
 * however many calls arrive at once — across replicas: the refresh runs under a lock, and whoever
 * gets the lock first re-reads the connection from the vault and uses a token another replica
 * refreshed meanwhile instead of refreshing again. Refreshed (and rotated refresh) tokens are
 * persisted encrypted before the lock is released. `invalid_grant` marks the customer `needs_reauth`.
 */
export class AccessTokens {
  readonly stats: AccessTokenStats = { refreshes: 0, refreshFailures: 0 };
  readonly #vault: TokenVault;
  readonly #refresher: TokenRefresher;
  readonly #marginMs: number;
  readonly #refreshTimeoutMs: number;
  readonly #cache = new Map<string, Connection>();
  readonly #refreshing = new Map<string, Promise<OAuthTokens>>();
  readonly #locks: ExclusiveLocks | undefined;

  constructor(vault: TokenVault, refresher: TokenRefresher, options: AccessTokensOptions = {}) {
    this.#vault = vault;
    this.#refresher = refresher;
    this.#marginMs = options.refreshMarginMs ?? 5 * 60_000;
    this.#refreshTimeoutMs = options.refreshTimeoutMs ?? 10_000;
    this.#locks = options.locks;
    vault.onChange((customerId) => (customerId === undefined ? this.#cache.clear() : this.#cache.delete(customerId)));
  }

  /** A valid access token for the customer; throws a {@link CalendarError} when there is no usable connection. */
  async get(customerId: string): Promise<string> {
    const connection = await this.#connection(customerId);
    const { expiryDate } = connection.tokens;
    if (expiryDate !== null && expiryDate - Date.now() < this.#marginMs) {
      return (await this.#refresh(customerId, connection.tokens.accessToken)).accessToken;
    }
    return connection.tokens.accessToken;
  }

  /** After Google refused `rejected` (401): a fresh token, refreshing once however many callers saw the 401. */
  async renew(customerId: string, rejected: string): Promise<string> {
    return (await this.#refresh(customerId, rejected)).accessToken;
  }

  /** The connected account's email. */
  async email(customerId: string): Promise<string> {
    return (await this.#connection(customerId)).email;
  }

  /**
   * The key of one Google calendar, shared by every customer connected to the same Google account:
   * the account's stable `sub` (from the verified id_token) and the calendar id. Connections stored
   * before the `sub` was kept fall back to the lower-cased email.
   */
  async calendarKey(customerId: string, calendarId = 'primary'): Promise<string> {
    const connection = await this.#connection(customerId);
    // `googleSub` arrives with the OAuth callback's id_token; older rows have none.
    const sub = 'googleSub' in connection && typeof connection.googleSub === 'string' && connection.googleSub !== '' ? connection.googleSub : undefined;
    return `${sub ?? `email:${connection.email.trim().toLowerCase()}`}/${calendarId}`;
  }

  async #connection(customerId: string): Promise<Connection> {
    let connection = this.#cache.get(customerId);
    if (!connection) {
      connection = await this.#vault.get(customerId);
      if (!connection) {
        throw new CalendarError('not_connected', `Customer ${customerId} has no Google Calendar connected. An admin must connect it ("Conectar") in the admin panel.`);
      }
      this.#cache.set(customerId, connection);
    }
    if (connection.status === 'needs_reauth') throw needsReauth(customerId);
    return connection;
  }

  #refresh(customerId: string, stale: string): Promise<OAuthTokens> {
    const running = this.#refreshing.get(customerId);
    if (running) return running;
    const refresh = this.#underRefreshLock(customerId, async () => {
      // Read again under the lock: another replica may have refreshed (or the customer gone) meanwhile.
      const connection = await this.#vault.get(customerId);
      if (!connection)
        throw new CalendarError('not_connected', `Customer ${customerId} has no Google Calendar connected. An admin must connect it ("Conectar") in the admin panel.`);
      if (connection.status === 'needs_reauth') throw needsReauth(customerId);
      const fresh = connection.tokens.expiryDate === null || connection.tokens.expiryDate - Date.now() >= this.#marginMs;
      if (connection.tokens.accessToken !== stale && fresh) {
        this.#cache.set(customerId, connection);
        return connection.tokens;
      }
      this.stats.refreshes += 1;
      let refreshed;
      try {
        refreshed = await withTimeout(this.#refresher(connection.tokens.refreshToken), this.#refreshTimeoutMs);
      } catch (err) {
        this.stats.refreshFailures += 1;
        if (googleErrorCode(err) === 'invalid_grant') {
          await this.#vault.markNeedsReauth(customerId);
          throw needsReauth(customerId);
        }
        throw new CalendarError('google_unavailable', `Could not refresh the Google access token (${googleErrorCode(err)}); try again shortly.`);
      }
      const tokens: OAuthTokens = {
        accessToken: refreshed.accessToken,
        refreshToken: refreshed.refreshToken ?? connection.tokens.refreshToken,
        expiryDate: refreshed.expiryDate,
      };
      // Still under the lock: a rotated refresh token is stored before any other replica may refresh.
      if (!(await this.#vault.updateTokens(customerId, tokens))) {
        throw new CalendarError('not_connected', `Customer ${customerId} was disconnected meanwhile.`);
      }
      this.#cache.set(customerId, { ...connection, status: 'connected', tokens });
      return tokens;
    }).finally(() => this.#refreshing.delete(customerId));
    this.#refreshing.set(customerId, refresh);
    return refresh;
  }

  /**
   * Runs a refresh holding `refresh:<customer>` (shared by the replicas when the locks are
   * PostgreSQL's), waiting at most until the tool call's deadline, or twice the refresh timeout.
   */
  async #underRefreshLock<T>(customerId: string, work: () => Promise<T>): Promise<T> {
    if (!this.#locks) return work();
    const waitMs = currentCallDeadline()?.remainingMs() ?? 2 * this.#refreshTimeoutMs;
    try {
      return await this.#locks.run(`refresh:${customerId}`, work, { waitMs });
    } catch (err) {
      if (err instanceof LockTimeoutError) throw new CalendarError('google_unavailable', 'The Google access token is being refreshed and that took too long; try again shortly.');
      throw err;
    }
  }
}

/** Thrown when Google's token endpoint did not answer in time (not `invalid_grant`: the grant may be fine). */
class RefreshTimeoutError extends Error {
  override readonly name = 'RefreshTimeoutError';
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RefreshTimeoutError(`no answer from the token endpoint within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function needsReauth(customerId: string): CalendarError {
  return new CalendarError(
    'needs_reauth',
    `The Google Calendar access of customer ${customerId} expired or was revoked; an admin must reconnect it ("Reconectar") in the admin panel. Nothing was booked.`,
  );
}

import { type ExclusiveLocks, LockTimeoutError } from '@agendo/database';
import type { AssistantDatabase } from '../db/assistant-database.js';
import { clientKey } from './client-key.js';
import {
  LOGIN_WINDOW_MS,
  type LoginAttempt,
  type LoginThrottle,
  type LoginThrottleOptions,
  type LoginThrottlePolicy,
  type LoginWait,
  loginDelayAfter,
  loginThrottlePolicy,
} from './login-throttle.js';

/** The lock every replica decides a login under (logins are rare: one at a time costs nothing). */
const LOGIN_LOCK = 'admin-login';
/** How long an attempt waits for the lock before it is told to come back in a second. */
const LOCK_WAIT_MS = 5_000;

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The admin login throttle with its state in the assistant database — the consecutive failures of each
 * client address (`login_throttle_addresses`) and each failed login of the last minute
 * (`login_failure_log`) — so that with several replicas on PostgreSQL an address's waits and the global
 * per-minute cap count every replica's failures. Each attempt is decided under one lock across replicas
 * (`locks`), in one transaction: two replicas can never both let a guess through past the cap. Behaves as
 * {@link LoginLimiter} does.
 */
export class DatabaseLoginLimiter implements LoginThrottle {
  readonly #db: AssistantDatabase;
  readonly #locks: ExclusiveLocks;
  readonly #policy: LoginThrottlePolicy;

  constructor(db: AssistantDatabase, locks: ExclusiveLocks, options: LoginThrottleOptions = {}) {
    this.#db = db;
    this.#locks = locks;
    this.#policy = loginThrottlePolicy(options);
  }

  async attempt(address: string, verify: () => boolean): Promise<LoginAttempt> {
    try {
      return await this.#locks.run(
        LOGIN_LOCK,
        async () => {
          const wait = await this.check(address);
          if (wait) return { outcome: 'throttled', wait };
          if (!verify()) {
            await this.fail(address);
            return { outcome: 'refused' };
          }
          await this.succeed(address);
          return { outcome: 'accepted' };
        },
        { waitMs: LOCK_WAIT_MS },
      );
    } catch (err) {
      // A flood of attempts queued on the lock: this one is told to come back, like under the global cap.
      if (err instanceof LockTimeoutError) return { outcome: 'throttled', wait: { reason: 'global', retryAfterMs: 1_000 } };
      throw err;
    }
  }

  /** Whether a login from `address` must wait now, or undefined. (Use {@link attempt} to decide a login.) */
  async check(address: string): Promise<LoginWait | undefined> {
    const now = this.#policy.now();
    const recent = await this.#db
      .selectFrom('login_failure_log')
      .select((eb) => [eb.fn.countAll<number | string>().as('count'), eb.fn.min('failed_at').as('oldest')])
      .where('failed_at', '>', iso(now - LOGIN_WINDOW_MS))
      .executeTakeFirstOrThrow();
    if (Number(recent.count) >= this.#policy.maxFailuresPerMinute && typeof recent.oldest === 'string') {
      return { reason: 'global', retryAfterMs: LOGIN_WINDOW_MS - (now - Date.parse(recent.oldest)) };
    }
    const key = clientKey(address);
    const record = await this.#db.selectFrom('login_throttle_addresses').select(['failures', 'last_failure_at']).where('client_key', '=', key).executeTakeFirst();
    if (!record) return undefined;
    const lastFailureAt = Date.parse(record.last_failure_at);
    if (now - lastFailureAt >= this.#policy.forgetAfterMs) {
      await this.#db.deleteFrom('login_throttle_addresses').where('client_key', '=', key).execute();
      return undefined;
    }
    const wait = lastFailureAt + loginDelayAfter(this.#policy, record.failures) - now;
    return wait > 0 ? { reason: 'address', retryAfterMs: wait } : undefined;
  }

  /** Records a wrong password from `address`. */
  async fail(address: string): Promise<void> {
    const now = this.#policy.now();
    const key = clientKey(address);
    await this.#db.transaction().execute(async (trx) => {
      await trx
        .insertInto('login_failure_log')
        .values({ failed_at: iso(now) })
        .execute();
      await trx
        .deleteFrom('login_failure_log')
        .where('failed_at', '<=', iso(now - LOGIN_WINDOW_MS))
        .execute();
      const previous = await trx.selectFrom('login_throttle_addresses').select(['failures', 'last_failure_at']).where('client_key', '=', key).executeTakeFirst();
      const failures = previous && now - Date.parse(previous.last_failure_at) < this.#policy.forgetAfterMs ? previous.failures + 1 : 1;
      const row = { failures, last_failure_at: iso(now) };
      await trx
        .insertInto('login_throttle_addresses')
        .values({ client_key: key, ...row })
        .onConflict((oc) => oc.column('client_key').doUpdateSet(row))
        .execute();
      // Forget the addresses that failed longest ago beyond the bound.
      const tracked = await trx
        .selectFrom('login_throttle_addresses')
        .select((eb) => eb.fn.countAll<number | string>().as('count'))
        .executeTakeFirstOrThrow();
      const excess = Number(tracked.count) - this.#policy.maxTrackedAddresses;
      if (excess > 0) {
        const oldest = trx.selectFrom('login_throttle_addresses').select('client_key').orderBy('last_failure_at').orderBy('client_key').limit(excess);
        await trx.deleteFrom('login_throttle_addresses').where('client_key', 'in', oldest).execute();
      }
    });
  }

  /** A right password from `address`: it starts afresh. */
  async succeed(address: string): Promise<void> {
    await this.#db.deleteFrom('login_throttle_addresses').where('client_key', '=', clientKey(address)).execute();
  }

  /** Addresses currently remembered (for tests and metrics). */
  async trackedAddresses(): Promise<number> {
    const row = await this.#db
      .selectFrom('login_throttle_addresses')
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }
}

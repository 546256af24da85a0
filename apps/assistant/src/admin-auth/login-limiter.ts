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

export type { LoginWait, LoginWaitReason } from './login-throttle.js';

/** How {@link LoginLimiter} throttles (the shared {@link LoginThrottleOptions}). */
export type LoginLimiterOptions = LoginThrottleOptions;

interface AddressRecord {
  failures: number;
  lastFailureAt: number;
}

/**
 * Slows password guessing without ever turning into a lockout of the real admin: each client address
 * may fail {@link LoginLimiterOptions.freeFailures} times, then waits 1 s, 2 s, 4 s… (capped, 5 min by
 * default) after each further failure, until a success from that address; other addresses are not
 * affected. A global cap on failed logins per minute stops guesses spread over many addresses.
 * In memory, per process: the throttle of a single assistant (SQLite); replicas share {@link DatabaseLoginLimiter}.
 */
export class LoginLimiter implements LoginThrottle {
  readonly #addresses = new Map<string, AddressRecord>();
  /** Times of the failures of the last minute, oldest first. */
  #recentFailures: number[] = [];
  readonly #policy: LoginThrottlePolicy;
  readonly #forgetAfterMs: number;
  readonly #maxFailuresPerMinute: number;
  readonly #maxTracked: number;
  readonly #now: () => number;

  constructor(options: LoginLimiterOptions = {}) {
    this.#policy = loginThrottlePolicy(options);
    this.#forgetAfterMs = this.#policy.forgetAfterMs;
    this.#maxFailuresPerMinute = this.#policy.maxFailuresPerMinute;
    this.#maxTracked = this.#policy.maxTrackedAddresses;
    this.#now = this.#policy.now;
  }

  /** Check, password, record: all in one synchronous step, so nothing of this process runs in between. */
  async attempt(address: string, verify: () => boolean): Promise<LoginAttempt> {
    const wait = this.check(address);
    if (wait) return { outcome: 'throttled', wait };
    if (!verify()) {
      this.fail(address);
      return { outcome: 'refused' };
    }
    this.succeed(address);
    return { outcome: 'accepted' };
  }

  /** Whether a login from `address` must wait now (checked before the password), or undefined. */
  check(address: string): LoginWait | undefined {
    const now = this.#now();
    this.#recentFailures = this.#recentFailures.filter((t) => now - t < LOGIN_WINDOW_MS);
    const oldest = this.#recentFailures[0];
    if (this.#recentFailures.length >= this.#maxFailuresPerMinute && oldest !== undefined) {
      return { reason: 'global', retryAfterMs: LOGIN_WINDOW_MS - (now - oldest) };
    }
    const key = clientKey(address);
    const record = this.#addresses.get(key);
    if (!record) return undefined;
    if (now - record.lastFailureAt >= this.#forgetAfterMs) {
      this.#addresses.delete(key);
      return undefined;
    }
    const wait = record.lastFailureAt + this.delayAfter(record.failures) - now;
    return wait > 0 ? { reason: 'address', retryAfterMs: wait } : undefined;
  }

  /** The wait after `failures` consecutive failures of one address: 0, then doubling, capped. */
  delayAfter(failures: number): number {
    return loginDelayAfter(this.#policy, failures);
  }

  /** Records a wrong password from `address`. */
  fail(address: string): void {
    const now = this.#now();
    this.#recentFailures.push(now);
    const key = clientKey(address);
    const previous = this.#addresses.get(key);
    const failures = previous && now - previous.lastFailureAt < this.#forgetAfterMs ? previous.failures + 1 : 1;
    // Re-inserted so the map stays ordered by last failure: the oldest is evicted first.
    this.#addresses.delete(key);
    this.#addresses.set(key, { failures, lastFailureAt: now });
    while (this.#addresses.size > this.#maxTracked) {
      const oldestKey = this.#addresses.keys().next().value;
      if (oldestKey === undefined) break;
      this.#addresses.delete(oldestKey);
    }
  }

  /** A right password from `address`: it starts afresh. */
  succeed(address: string): void {
    this.#addresses.delete(clientKey(address));
  }

  /** Addresses currently remembered (for tests and metrics). */
  get trackedAddresses(): number {
    return this.#addresses.size;
  }
}

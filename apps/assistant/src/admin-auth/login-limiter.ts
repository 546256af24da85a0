import { clientKey } from './client-key.js';

/** How {@link LoginLimiter} throttles; every field has a default. */
export interface LoginLimiterOptions {
  /** Consecutive failed logins one address may make before it has to wait. */
  readonly freeFailures?: number;
  /** The first wait; each further failure doubles it. */
  readonly baseDelayMs?: number;
  /** The longest wait per address. */
  readonly maxDelayMs?: number;
  /** An address with no failure for this long starts afresh. */
  readonly forgetAfterMs?: number;
  /** Failed logins per minute across all addresses; beyond it every login waits for the rest of the minute. */
  readonly maxFailuresPerMinute?: number;
  /** Addresses remembered at once (the oldest are forgotten first). */
  readonly maxTrackedAddresses?: number;
  readonly now?: () => number;
}

/** Why a login must wait: this address failed too often, or the whole panel saw a flood of failures. */
export type LoginWaitReason = 'address' | 'global';

/** A refusal: how long to wait and why. */
export interface LoginWait {
  readonly reason: LoginWaitReason;
  readonly retryAfterMs: number;
}

interface AddressRecord {
  failures: number;
  lastFailureAt: number;
}

const MINUTE_MS = 60_000;

/**
 * Slows password guessing without ever turning into a lockout of the real admin: each client address
 * may fail {@link LoginLimiterOptions.freeFailures} times, then waits 1 s, 2 s, 4 s… (capped, 5 min by
 * default) after each further failure, until a success from that address; other addresses are not
 * affected. A global cap on failed logins per minute stops guesses spread over many addresses.
 * In memory, per process.
 */
export class LoginLimiter {
  readonly #addresses = new Map<string, AddressRecord>();
  /** Times of the failures of the last minute, oldest first. */
  #recentFailures: number[] = [];
  readonly #freeFailures: number;
  readonly #baseDelayMs: number;
  readonly #maxDelayMs: number;
  readonly #forgetAfterMs: number;
  readonly #maxFailuresPerMinute: number;
  readonly #maxTracked: number;
  readonly #now: () => number;

  constructor(options: LoginLimiterOptions = {}) {
    this.#freeFailures = options.freeFailures ?? 5;
    this.#baseDelayMs = options.baseDelayMs ?? 1_000;
    this.#maxDelayMs = options.maxDelayMs ?? 5 * MINUTE_MS;
    this.#forgetAfterMs = options.forgetAfterMs ?? 60 * MINUTE_MS;
    this.#maxFailuresPerMinute = options.maxFailuresPerMinute ?? 30;
    this.#maxTracked = options.maxTrackedAddresses ?? 10_000;
    this.#now = options.now ?? Date.now;
  }

  /** Whether a login from `address` must wait now (checked before the password), or undefined. */
  check(address: string): LoginWait | undefined {
    const now = this.#now();
    this.#recentFailures = this.#recentFailures.filter((t) => now - t < MINUTE_MS);
    const oldest = this.#recentFailures[0];
    if (this.#recentFailures.length >= this.#maxFailuresPerMinute && oldest !== undefined) {
      return { reason: 'global', retryAfterMs: MINUTE_MS - (now - oldest) };
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
    const extra = failures - this.#freeFailures;
    if (extra < 0) return 0;
    return Math.min(this.#maxDelayMs, this.#baseDelayMs * 2 ** Math.min(extra, 30));
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

/** How a login throttle throttles; every field has a default. */
export interface LoginThrottleOptions {
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

/** What became of one login attempt. */
export type LoginAttempt = { readonly outcome: 'throttled'; readonly wait: LoginWait } | { readonly outcome: 'accepted' } | { readonly outcome: 'refused' };

/**
 * Decides admin login attempts against password guessing: the in-process {@link LoginLimiter} (one
 * process, SQLite) or the {@link DatabaseLoginLimiter} (state in the database, so the caps hold across
 * every replica on PostgreSQL). One attempt is decided as a whole — wait? then the password, then
 * recorded — so two replicas cannot both let a guess through past the cap.
 */
export interface LoginThrottle {
  /** Throttled (the password is not even checked), or `verify()` says whether the password is right and it is recorded. */
  attempt(address: string, verify: () => boolean): Promise<LoginAttempt>;
}

/** The minute of the global cap. */
export const LOGIN_WINDOW_MS = 60_000;

/** {@link LoginThrottleOptions} with every default filled in, shared by both throttles so they behave alike. */
export interface LoginThrottlePolicy {
  readonly freeFailures: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly forgetAfterMs: number;
  readonly maxFailuresPerMinute: number;
  readonly maxTrackedAddresses: number;
  readonly now: () => number;
}

/** Fills in the defaults: 5 free failures, then 1 s doubling up to 5 min, forgotten after an hour, 30 failures a minute. */
export function loginThrottlePolicy(options: LoginThrottleOptions = {}): LoginThrottlePolicy {
  return {
    freeFailures: options.freeFailures ?? 5,
    baseDelayMs: options.baseDelayMs ?? 1_000,
    maxDelayMs: options.maxDelayMs ?? 5 * LOGIN_WINDOW_MS,
    forgetAfterMs: options.forgetAfterMs ?? 60 * LOGIN_WINDOW_MS,
    maxFailuresPerMinute: options.maxFailuresPerMinute ?? 30,
    maxTrackedAddresses: options.maxTrackedAddresses ?? 10_000,
    now: options.now ?? Date.now,
  };
}

/** The wait after `failures` consecutive failures of one address: 0, then doubling, capped. */
export function loginDelayAfter(policy: LoginThrottlePolicy, failures: number): number {
  const extra = failures - policy.freeFailures;
  if (extra < 0) return 0;
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(extra, 30));
}

import { CalendarError } from '../calendar-error.js';

/** How hard to retry Google's rate limits and server errors. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** No retry starts later than this after the first attempt. */
  readonly maxTotalMs: number;
}

/** Up to 5 attempts within 20 s: 0.25 s, 0.5 s, 1 s, 2 s ceilings with full jitter, or what `Retry-After` says. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 250, maxDelayMs: 8_000, maxTotalMs: 20_000 };

const RATE_LIMIT_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded']);

interface GoogleLikeError {
  status?: number;
  code?: string | number;
  response?: { status?: number; headers?: { get(name: string): string | null } | Record<string, string>; data?: unknown };
}

/** The HTTP status of a gaxios error, if it got a response. */
export function statusOf(err: unknown): number | undefined {
  const e = err as GoogleLikeError;
  return e?.response?.status ?? (typeof e?.status === 'number' ? e.status : undefined);
}

/** Google's `error.errors[0].reason` (e.g. `rateLimitExceeded`), if present. */
export function reasonOf(err: unknown): string | undefined {
  const data = (err as GoogleLikeError)?.response?.data as { error?: { errors?: { reason?: string }[]; status?: string } } | undefined;
  return data?.error?.errors?.[0]?.reason ?? data?.error?.status;
}

/** Whether Google asked us to slow down (429, or 403 with a rate-limit reason). */
export function isRateLimited(err: unknown): boolean {
  const status = statusOf(err);
  return status === 429 || (status === 403 && RATE_LIMIT_REASONS.has(reasonOf(err) ?? ''));
}

/**
 * Whether an attempt is worth repeating: rate limits, 5xx, and network failures or timeouts without a
 * response. Our own {@link CalendarError}s (e.g. `needs_reauth` from a token refresh) are final.
 */
export function isRetryable(err: unknown): boolean {
  if (err instanceof CalendarError) return false;
  const status = statusOf(err);
  if (status === undefined) return typeof (err as GoogleLikeError)?.code === 'string';
  return isRateLimited(err) || status >= 500;
}

/** `Retry-After` in milliseconds (seconds or an HTTP date), if the response has one. */
export function retryAfterMs(err: unknown, now = Date.now()): number | undefined {
  const headers = (err as GoogleLikeError)?.response?.headers;
  // gaxios hands over a fetch-style Headers object (not always an instance of this realm's Headers).
  const value = typeof headers?.get === 'function' ? headers.get('retry-after') : (headers as Record<string, string> | undefined)?.['retry-after'];
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Thrown when retries ran out; carries the last error. */
export class RetriesExhaustedError extends Error {
  override readonly name = 'RetriesExhaustedError';
  readonly lastError: unknown;
  readonly attempts: number;

  constructor(lastError: unknown, attempts: number) {
    super(`gave up after ${attempts} attempt(s): ${(lastError as Error)?.message ?? String(lastError)}`);
    this.lastError = lastError;
    this.attempts = attempts;
  }
}

/** A retry is not worth starting with less time than this left before the caller's deadline. */
export const MIN_ATTEMPT_MS = 100;

/**
 * Runs `attempt` until it succeeds, fails for a non-retryable reason (rethrown as is), or the policy
 * runs out (→ {@link RetriesExhaustedError}). Waits exponential backoff with full jitter between
 * attempts, or at least what `Retry-After` asks; never sleeps past the policy's total budget, nor
 * starts an attempt after `stopAt` (epoch ms: the tool call's deadline) or too close to it.
 */
export async function withRetry<T>(attempt: () => Promise<T>, policy: RetryPolicy, onRetry?: (err: unknown, delayMs: number) => void, stopAt?: number): Promise<T> {
  const started = Date.now();
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (err) {
      if (!isRetryable(err)) throw err;
      if (n >= policy.maxAttempts) throw new RetriesExhaustedError(err, n);
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (n - 1));
      const delay = Math.max(retryAfterMs(err) ?? 0, Math.random() * ceiling);
      if (Date.now() - started + delay > policy.maxTotalMs) throw new RetriesExhaustedError(err, n);
      if (stopAt !== undefined && Date.now() + delay + MIN_ATTEMPT_MS > stopAt) throw new RetriesExhaustedError(err, n);
      onRetry?.(err, delay);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

import { describe, expect, it } from 'vitest';
import { isRetryable, RetriesExhaustedError, retryAfterMs, withRetry } from '../src/calendar/google/google-retry.js';

const googleError = (status: number, headers: Record<string, string> = {}, reason?: string) =>
  Object.assign(new Error(`HTTP ${status}`), {
    status,
    response: { status, headers: new Headers(headers), data: reason ? { error: { errors: [{ reason }] } } : {} },
  });

const policy = { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 5, maxTotalMs: 5_000 };

describe('withRetry', () => {
  it('retries 429, rate-limit 403s, 5xx and network errors, not other 4xx', () => {
    expect(isRetryable(googleError(429))).toBe(true);
    expect(isRetryable(googleError(503))).toBe(true);
    expect(isRetryable(googleError(403, {}, 'userRateLimitExceeded'))).toBe(true);
    expect(isRetryable(googleError(403, {}, 'rateLimitExceeded'))).toBe(true);
    expect(isRetryable(googleError(403, {}, 'insufficientPermissions'))).toBe(false);
    expect(isRetryable(googleError(404))).toBe(false);
    expect(isRetryable(googleError(409))).toBe(false);
    expect(isRetryable(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toBe(true);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterMs(googleError(429, { 'retry-after': '3' }))).toBe(3000);
    const now = Date.parse('2026-11-26T10:00:00Z');
    expect(retryAfterMs(googleError(503, { 'retry-after': 'Thu, 26 Nov 2026 10:00:05 GMT' }), now)).toBe(5000);
    expect(retryAfterMs(googleError(503))).toBeUndefined();
    // gaxios's headers come from another realm's fetch: anything with get() must do.
    expect(retryAfterMs({ response: { status: 429, headers: { get: (name: string) => (name === 'retry-after' ? '2' : null) } } })).toBe(2000);
  });

  it('succeeds after transient failures and rethrows a non-retryable one at once', async () => {
    let n = 0;
    expect(await withRetry(async () => (++n < 3 ? Promise.reject(googleError(503)) : 'ok'), policy)).toBe('ok');
    expect(n).toBe(3);
    let m = 0;
    await expect(
      withRetry(async () => {
        m += 1;
        throw googleError(404);
      }, policy),
    ).rejects.toMatchObject({ status: 404 });
    expect(m).toBe(1);
  });

  it('is bounded in attempts and in total time, and honours Retry-After', async () => {
    let n = 0;
    const err = await withRetry(async () => {
      n += 1;
      throw googleError(500);
    }, policy).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RetriesExhaustedError);
    expect(n).toBe(4);

    let waits = 0;
    const started = Date.now();
    await withRetry(async () => (++waits < 2 ? Promise.reject(googleError(429, { 'retry-after': '1' })) : 'ok'), policy);
    expect(Date.now() - started).toBeGreaterThanOrEqual(990);

    let tooLong = 0;
    const refused = await withRetry(async () => {
      tooLong += 1;
      throw googleError(429, { 'retry-after': '60' });
    }, policy).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RetriesExhaustedError);
    expect(tooLong).toBe(1);
  });
});

/** Failed logins allowed per client address within the window before it has to wait. */
const MAX_FAILURES = 5;
const WINDOW_MS = 15 * 60_000;

/** Slows password guessing: after 5 failed logins from one address, refuse logins for 15 minutes. */
export class LoginLimiter {
  readonly #failures = new Map<string, number[]>();

  /** Milliseconds the address must still wait, or 0. */
  retryAfterMs(address: string, now = Date.now()): number {
    const recent = (this.#failures.get(address) ?? []).filter((t) => now - t < WINDOW_MS);
    this.#failures.set(address, recent);
    if (recent.length === 0) this.#failures.delete(address);
    return recent.length >= MAX_FAILURES ? WINDOW_MS - (now - (recent[0] ?? now)) : 0;
  }

  fail(address: string, now = Date.now()): void {
    this.#failures.set(address, [...(this.#failures.get(address) ?? []), now]);
  }

  succeed(address: string): void {
    this.#failures.delete(address);
  }
}

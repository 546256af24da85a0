import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The instant by which one tool call must answer, shorter than the assistant's MCP timeout, so the
 * assistant always hears what happened instead of timing out while a booking may still land. Every
 * Google request, retry and wait for the per-calendar lock is bounded by it.
 */
export class CallDeadline {
  /** Epoch milliseconds. */
  readonly at: number;

  constructor(at: number) {
    this.at = at;
  }

  /** A deadline `ms` from now. */
  static after(ms: number): CallDeadline {
    return new CallDeadline(Date.now() + ms);
  }

  /** Milliseconds left (never negative). */
  remainingMs(now: number = Date.now()): number {
    return Math.max(0, this.at - now);
  }

  get expired(): boolean {
    return this.remainingMs() === 0;
  }

  /**
   * Settles as `work` does, or rejects with `onExpire()` when the deadline comes first (`work` goes on
   * in the background; its own requests are bounded by the same deadline).
   */
  race<T>(work: Promise<T>, onExpire: () => Error): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const expiry = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(onExpire()), this.remainingMs());
      timer.unref();
    });
    return Promise.race([work, expiry]).finally(() => clearTimeout(timer));
  }
}

const ambient = new AsyncLocalStorage<CallDeadline>();

/** Runs `fn` with `deadline` as the deadline of everything it does (the MCP route sets one per request). */
export function withCallDeadline<T>(deadline: CallDeadline, fn: () => T): T {
  return ambient.run(deadline, fn);
}

/** The deadline of the tool call being served, if one was set. */
export function currentCallDeadline(): CallDeadline | undefined {
  return ambient.getStore();
}

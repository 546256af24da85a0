import { randomUUID } from 'node:crypto';
import type { ChangeFeed } from '@agendo/database';
import type { BusyCache } from './busy-cache.js';

/** The change feed channel of busy-cache invalidations; the payload is the calendar key. */
export const BUSY_TIMES_CHANNEL = 'busy_times';

/** Invalidations after a write whose outcome is unknown: nothing is cached for a while (payload: the calendar key). */
export const BUSY_TIMES_DISTRUST_CHANNEL = 'busy_times_distrust';

/** Barrier messages: each replica hears its own back, after every invalidation committed before it. */
export const BUSY_TIMES_SYNC_CHANNEL = 'busy_times_sync';

/** How long a barrier waits for its own message before the cached answer is not trusted. */
const BARRIER_TIMEOUT_MS = 2_000;

/**
 * Carries busy-cache invalidations to every replica (PostgreSQL's LISTEN/NOTIFY), so a write or a push
 * notification handled by one replica never lets another answer "free" from what it cached before.
 * An empty payload (the feed reconnected: messages may have been lost) drops every calendar's answers
 * and caches nothing for the cache's lifetime, since some of the lost messages may have been distrust.
 *
 * A message arrives a moment after it is committed, so before a cached answer is used,
 * {@link barrier} sends a message of its own and waits for it: PostgreSQL delivers a listener's
 * messages in commit order, so every invalidation committed earlier (say, by the replica that just
 * booked and answered) has been applied by then.
 */
export class BusyTimesFeed {
  readonly #changes: ChangeFeed;
  readonly #cache: BusyCache;
  readonly #unsubscribe: (() => void)[] = [];
  readonly #replica = randomUUID();
  readonly #waiting = new Map<string, () => void>();
  #sent = 0;

  constructor(changes: ChangeFeed, cache: BusyCache) {
    this.#changes = changes;
    this.#cache = cache;
  }

  /** Starts applying other replicas' invalidations to this replica's cache. */
  async listen(): Promise<void> {
    const apply = (distrust: boolean) => (calendarKey: string) => {
      if (calendarKey === '') this.#cache.invalidateAll({ distrustForMs: this.#cache.maxAgeMs });
      else this.#cache.invalidate(calendarKey, distrust ? { distrustForMs: this.#cache.maxAgeMs } : {});
    };
    this.#unsubscribe.push(await this.#changes.subscribe(BUSY_TIMES_CHANNEL, apply(false)));
    this.#unsubscribe.push(await this.#changes.subscribe(BUSY_TIMES_DISTRUST_CHANNEL, apply(true)));
    this.#unsubscribe.push(
      await this.#changes.subscribe(BUSY_TIMES_SYNC_CHANNEL, (payload) => {
        // Empty (a reconnect): everything was dropped, so whoever waits may go on and read afresh.
        if (payload === '') for (const done of this.#waiting.values()) done();
        else this.#waiting.get(payload)?.();
      }),
    );
  }

  /**
   * Resolves true once every invalidation committed before this call has reached this replica's
   * cache; false when that could not be confirmed in time (the caller then reads Google).
   */
  async barrier(): Promise<boolean> {
    const id = `${this.#replica}:${(this.#sent += 1)}`;
    let timer: NodeJS.Timeout | undefined;
    const heard = new Promise<boolean>((resolve) => {
      this.#waiting.set(id, () => resolve(true));
      timer = setTimeout(() => resolve(false), BARRIER_TIMEOUT_MS);
    });
    try {
      await this.#changes.publish(BUSY_TIMES_SYNC_CHANNEL, id);
      return await heard;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
      this.#waiting.delete(id);
    }
  }

  /** Tells every replica (this one included) to drop the calendar's answers; resolves once PostgreSQL took the message. */
  async publish(calendarKey: string, options: { distrust?: boolean } = {}): Promise<void> {
    await this.#changes.publish(options.distrust ? BUSY_TIMES_DISTRUST_CHANNEL : BUSY_TIMES_CHANNEL, calendarKey);
  }

  close(): void {
    for (const unsubscribe of this.#unsubscribe.splice(0)) unsubscribe();
  }
}

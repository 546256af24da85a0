import type { ChangeFeed } from '@agendo/database';
import type { BusyCache } from './busy-cache.js';

/** The change feed channel of busy-cache invalidations; the payload is the calendar key. */
export const BUSY_TIMES_CHANNEL = 'busy_times';

/** Invalidations after a write whose outcome is unknown: nothing is cached for a while (payload: the calendar key). */
export const BUSY_TIMES_DISTRUST_CHANNEL = 'busy_times_distrust';

/**
 * Carries busy-cache invalidations to every replica (PostgreSQL's LISTEN/NOTIFY), so a write or a push
 * notification handled by one replica never lets another answer "free" from what it cached before.
 * An empty payload (the feed reconnected: messages may have been lost) drops every calendar's answers
 * and caches nothing for the cache's lifetime, since some of the lost messages may have been distrust.
 */
export class BusyTimesFeed {
  readonly #changes: ChangeFeed;
  readonly #cache: BusyCache;
  readonly #unsubscribe: (() => void)[] = [];

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
  }

  /** Tells every replica (this one included) to drop the calendar's answers; resolves once PostgreSQL took the message. */
  async publish(calendarKey: string, options: { distrust?: boolean } = {}): Promise<void> {
    await this.#changes.publish(options.distrust ? BUSY_TIMES_DISTRUST_CHANNEL : BUSY_TIMES_CHANNEL, calendarKey);
  }

  close(): void {
    for (const unsubscribe of this.#unsubscribe.splice(0)) unsubscribe();
  }
}

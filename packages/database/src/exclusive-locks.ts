import { KeyedQueue } from '@agendo/keyed-queue';
import type pg from 'pg';

/**
 * Runs work one at a time per key — across every replica when they share PostgreSQL: the booking
 * check-then-insert of one Google calendar, the token refresh of one connection. A caller that waits
 * longer than `waitMs` gives up with {@link LockTimeoutError} instead of piling up.
 */
export interface ExclusiveLocks {
  run<T>(key: string, work: () => Promise<T>, options?: { waitMs?: number }): Promise<T>;
}

/** Thrown when a lock could not be had within the time the caller allowed. */
export class LockTimeoutError extends Error {
  override readonly name = 'LockTimeoutError';
  readonly code = 'lock_timeout';
}

/** The locks of a single process (SQLite): a queue per key. */
export class InProcessLocks implements ExclusiveLocks {
  readonly #queue = new KeyedQueue();

  async run<T>(key: string, work: () => Promise<T>, options: { waitMs?: number } = {}): Promise<T> {
    if (options.waitMs === undefined) return this.#queue.run(key, work);
    let timer: NodeJS.Timeout | undefined;
    let gaveUp = false;
    const turn = this.#queue.run(key, async () => {
      if (gaveUp) throw new LockTimeoutError(`gave up waiting for ${key}`);
      clearTimeout(timer);
      return work();
    });
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        gaveUp = true;
        reject(new LockTimeoutError(`waited more than ${options.waitMs} ms for ${key}`));
      }, options.waitMs);
    });
    try {
      return await Promise.race([turn, timeout]);
    } finally {
      clearTimeout(timer);
      turn.catch(() => undefined);
    }
  }
}

/**
 * PostgreSQL advisory locks: a transaction on a connection of a pool kept for locks holds
 * `pg_advisory_xact_lock(hash of key)` while `work` runs (work uses the service's main pool, so
 * waiting lock holders can never starve it), and the lock goes with the transaction — also when the
 * replica dies. Waiting is bounded with `lock_timeout`.
 */
export class PostgresAdvisoryLocks implements ExclusiveLocks {
  readonly #pool: pg.Pool;
  readonly #namespace: string;

  /** `namespace` (the service's schema) keeps two services' keys apart in one database. */
  constructor(lockPool: pg.Pool, namespace: string) {
    this.#pool = lockPool;
    this.#namespace = namespace;
  }

  async run<T>(key: string, work: () => Promise<T>, options: { waitMs?: number } = {}): Promise<T> {
    const client = await this.#pool.connect();
    let broken = false;
    try {
      await client.query('begin');
      if (options.waitMs !== undefined) await client.query(`set local lock_timeout = ${Math.max(1, Math.round(options.waitMs))}`);
      try {
        await client.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [`${this.#namespace}:${key}`]);
      } catch (err) {
        if ((err as { code?: string }).code === '55P03') throw new LockTimeoutError(`waited more than ${options.waitMs} ms for ${key}`);
        throw err;
      }
      try {
        return await work();
      } finally {
        await client.query('commit').catch(() => {
          broken = true;
        });
      }
    } catch (err) {
      await client.query('rollback').catch(() => {
        broken = true;
      });
      throw err;
    } finally {
      client.release(broken);
    }
  }
}

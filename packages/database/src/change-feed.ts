import { EventEmitter } from 'node:events';
import pg from 'pg';

/** Called with the payload of each message published on a channel. */
export type ChangeListener = (payload: string) => void;

/**
 * Tells every replica of a service that something changed (a calendar's busy times, a customer's
 * tokens), so that each can drop what it cached. In one process it is an event emitter; across
 * replicas it is PostgreSQL's LISTEN/NOTIFY, so no coordinator of our own is needed.
 */
export interface ChangeFeed {
  /** Delivers `payload` to every subscriber of `channel` in every replica, this one included. */
  publish(channel: string, payload: string): Promise<void>;
  /** Calls `listener` for each message on `channel`; returns the unsubscribe function. */
  subscribe(channel: string, listener: ChangeListener): Promise<() => void>;
  close(): Promise<void>;
}

const CHANNEL_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** The change feed of a single process (SQLite): delivery is immediate and in-process. */
export class InProcessChangeFeed implements ChangeFeed {
  readonly #events = new EventEmitter().setMaxListeners(0);

  async publish(channel: string, payload: string): Promise<void> {
    this.#events.emit(channel, payload);
  }

  async subscribe(channel: string, listener: ChangeListener): Promise<() => void> {
    this.#events.on(channel, listener);
    return () => this.#events.off(channel, listener);
  }

  async close(): Promise<void> {
    this.#events.removeAllListeners();
  }
}

/**
 * LISTEN/NOTIFY over one dedicated connection (a pooled one would be handed to other queries).
 * Channel names are qualified with the service's schema so services sharing a database never hear
 * each other. If the connection drops, it reconnects, re-listens, and tells every subscriber with an
 * empty payload that messages may have been missed (they should drop everything they cached).
 */
export class PostgresChangeFeed implements ChangeFeed {
  readonly #url: string;
  readonly #prefix: string;
  readonly #events = new EventEmitter().setMaxListeners(0);
  readonly #publisher: pg.Pool;
  #client: pg.Client | undefined;
  #connecting: Promise<pg.Client> | undefined;
  #closed = false;

  constructor(url: string, schema: string, publisher: pg.Pool) {
    this.#url = url;
    this.#prefix = schema;
    this.#publisher = publisher;
  }

  async publish(channel: string, payload: string): Promise<void> {
    await this.#publisher.query('select pg_notify($1, $2)', [this.#qualified(channel), payload]);
  }

  async subscribe(channel: string, listener: ChangeListener): Promise<() => void> {
    const qualified = this.#qualified(channel);
    const first = this.#events.listenerCount(qualified) === 0;
    this.#events.on(qualified, listener);
    if (first) await (await this.#connection()).query(`listen "${qualified}"`);
    return () => this.#events.off(qualified, listener);
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#events.removeAllListeners();
    const client = this.#client;
    this.#client = undefined;
    await client?.end().catch(() => undefined);
  }

  #qualified(channel: string): string {
    const qualified = `${this.#prefix}__${channel}`;
    if (!CHANNEL_NAME.test(qualified)) throw new Error(`Invalid change feed channel: ${channel}`);
    return qualified;
  }

  #connection(): Promise<pg.Client> {
    if (this.#client) return Promise.resolve(this.#client);
    this.#connecting ??= (async () => {
      const client = new pg.Client({ connectionString: this.#url });
      client.on('notification', (message) => this.#events.emit(message.channel, message.payload ?? ''));
      client.on('error', () => this.#reconnect(client));
      client.on('end', () => this.#reconnect(client));
      await client.connect();
      this.#client = client;
      return client;
    })().finally(() => {
      this.#connecting = undefined;
    });
    return this.#connecting;
  }

  #reconnect(lost: pg.Client): void {
    if (this.#closed || this.#client !== lost) return;
    this.#client = undefined;
    const retry = async (delayMs: number): Promise<void> => {
      if (this.#closed) return;
      try {
        const client = await this.#connection();
        for (const channel of this.#events.eventNames()) await client.query(`listen "${String(channel)}"`);
        // Messages sent while we were away are lost: every subscriber must assume anything changed.
        for (const channel of this.#events.eventNames()) this.#events.emit(channel, '');
      } catch {
        setTimeout(() => void retry(Math.min(delayMs * 2, 5_000)), delayMs).unref();
      }
    };
    void retry(100);
  }
}

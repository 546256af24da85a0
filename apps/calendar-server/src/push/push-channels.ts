import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { type ChangeFeed, type ExclusiveLocks, LockTimeoutError } from '@agendo/database';
import type { LiveChannels } from '../calendar/booking-service.js';
import type { CalendarBackendFactory } from '../calendar/calendar-backend.js';
import { CalendarError } from '../calendar/calendar-error.js';
import type { TokenDatabase } from '../db/token-database.js';
import { PushChannelTable, type StoredPushChannel } from './push-channel-table.js';

/** Where push channel events are logged (the server's pino logger fits). */
export interface PushLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

/** Tuning of {@link PushChannels}; the defaults suit Google. */
export interface PushChannelTiming {
  /** The lifetime asked for each channel (Google may grant less); 7 days by default. */
  readonly channelTtlMs?: number;
  /** A channel is renewed this long before it expires; 1 hour by default (at most half its lifetime). */
  readonly renewBeforeMs?: number;
  /** After a failed watch, the next attempt waits this long; 60 s by default. */
  readonly retryAfterFailureMs?: number;
}

/** The token database's parts the channels are shared through. */
export interface PushChannelStore {
  readonly db: TokenDatabase;
  /** `push:<calendar>` is held while a calendar's channel is created, renewed or stopped. */
  readonly locks: ExclusiveLocks;
  /** Channel changes (payload: the calendar key) reach every replica, which re-reads that calendar's channel. */
  readonly changes: ChangeFeed;
}

/** What {@link PushChannels} needs. */
export interface PushChannelsOptions extends PushChannelTiming {
  readonly backends: CalendarBackendFactory;
  /** The notification route's public address: `${PUBLIC_BASE_URL}/google/notifications`. */
  readonly address: string;
  /** Called with the calendar key whenever Google says that calendar changed (awaited before the notification is answered). */
  readonly onCalendarChanged: (calendarKey: string) => void | Promise<void>;
  readonly store: PushChannelStore;
  /**
   * Whether this process is the only one using the table (SQLite): its channels are stopped at Google
   * when it closes. With several replicas (PostgreSQL) they stay, for the others (and a restart) to use.
   */
  readonly onlyProcess: boolean;
  readonly log?: PushLog;
}

/** A notification as Google sends it, in its `X-Goog-*` headers. */
export interface PushNotification {
  readonly channelId: string;
  readonly token: string | undefined;
  readonly resourceId: string | undefined;
  /** `sync` right after the watch; `exists` / `not_exists` when the calendar changed. */
  readonly resourceState: string;
  readonly messageNumber: string | undefined;
}

/** How a notification was judged: only `accepted` ones invalidate anything. */
export type NotificationVerdict = 'accepted' | 'unknown_channel' | 'refused';

/** The change feed channel of push channel changes (payload: the calendar key). */
export const PUSH_CHANNELS_CHANNEL = 'push_channels';

interface Channel {
  readonly id: string;
  readonly tokenHash: string;
  readonly calendarKey: string;
  /** The customer whose access opened the channel and renews or stops it. */
  customerId: string;
  resourceId: string | undefined;
  /** Epoch milliseconds. */
  expiration: number;
  /** When to replace it: `renewBeforeMs` ahead of its expiry, or halfway through a shorter life Google granted. */
  renewAt: number;
  /** Whether Google has delivered to it (its `sync` message at least): proof the address is reachable. */
  heard: boolean;
}

const DAY_MS = 24 * 60 * 60_000;
/** The longest a replica waits for another one creating or renewing a calendar's channel. */
const CLAIM_WAIT_MS = 30_000;

const sha256 = (value: string): Buffer => createHash('sha256').update(value).digest();

/**
 * Google push channels (`events.watch`), one per connected Google calendar however many customers
 * and replicas reach it. The channels live in the token database's `push_channels` table: a replica
 * creates or renews a calendar's channel only while holding `push:<calendar>`, after checking that no
 * other replica did it meanwhile (then it adopts that channel instead). Channels are opened when a
 * customer connects (and at start for every connected one), renewed before they expire, stopped when
 * the last customer using the calendar disconnects. A notification reaching any replica is checked
 * against the table (the token's SHA-256, in constant time) and invalidates that calendar's busy cache
 * in every replica; a calendar counts as live (so cached answers may serve the re-check before an
 * insert) only once Google has delivered to its channel and until the channel expires.
 */
export class PushChannels implements LiveChannels {
  readonly #options: PushChannelsOptions;
  readonly #table: PushChannelTable;
  readonly #ttlMs: number;
  readonly #renewBeforeMs: number;
  readonly #retryMs: number;
  readonly #byId = new Map<string, Channel>();
  readonly #current = new Map<string, Channel>();
  readonly #users = new Map<string, Set<string>>();
  readonly #calendarOf = new Map<string, string>();
  readonly #timers = new Map<string, NodeJS.Timeout>();
  readonly #opening = new Map<string, Promise<void>>();
  #unsubscribe: (() => void) | undefined;
  #closed = false;

  constructor(options: PushChannelsOptions) {
    this.#options = options;
    this.#table = new PushChannelTable(options.store.db);
    this.#ttlMs = options.channelTtlMs ?? 7 * DAY_MS;
    this.#renewBeforeMs = Math.min(options.renewBeforeMs ?? 60 * 60_000, this.#ttlMs / 2);
    this.#retryMs = options.retryAfterFailureMs ?? 60_000;
  }

  /** Hears other replicas' channel changes, then opens (or adopts) channels for the customers connected at start. */
  async start(customerIds: readonly string[]): Promise<void> {
    await this.listen();
    await Promise.all(customerIds.map((id) => this.ensure(id)));
  }

  /** Starts hearing other replicas' channel changes (idempotent). */
  async listen(): Promise<void> {
    if (this.#unsubscribe || this.#closed) return;
    this.#unsubscribe = await this.#options.store.changes.subscribe(PUSH_CHANNELS_CHANNEL, (calendarKey) => {
      const keys = calendarKey === '' ? [...this.#users.keys()] : [calendarKey];
      for (const key of keys) {
        this.#reload(key).catch((err: unknown) => this.#options.log?.warn({ err: (err as Error).message }, 'could not re-read a push channel'));
      }
    });
  }

  /**
   * Makes sure the customer's calendar has a channel, following the customer to another account when
   * it reconnected to one. A customer without a usable connection is forgotten.
   */
  async ensure(customerId: string): Promise<void> {
    if (this.#closed) return;
    let calendarKey: string;
    try {
      calendarKey = await this.#options.backends.forCustomer(customerId).calendarKey();
    } catch (err) {
      if (err instanceof CalendarError && (err.code === 'not_connected' || err.code === 'needs_reauth')) {
        await this.#forget(customerId, { stop: false });
        return;
      }
      throw err;
    }
    const previous = this.#calendarOf.get(customerId);
    if (previous !== undefined && previous !== calendarKey) await this.#forget(customerId, { stop: true });
    this.#calendarOf.set(customerId, calendarKey);
    const users = this.#users.get(calendarKey) ?? new Set<string>();
    users.add(customerId);
    this.#users.set(calendarKey, users);
    const current = this.#current.get(calendarKey);
    if (current && Date.now() < current.renewAt) return;
    await this.#open(calendarKey, customerId);
  }

  /**
   * The customer is being disconnected: call before its tokens are deleted. When no other customer
   * reaches its calendar, the channel is stopped at Google with this customer's access.
   */
  async release(customerId: string): Promise<void> {
    await this.#forget(customerId, { stop: true });
  }

  /** After any change to a customer's connection (connected, reconnected, refreshed, marked, removed; undefined: any). */
  customerChanged(customerId: string | undefined): void {
    const ids = customerId === undefined ? [...this.#calendarOf.keys()] : [customerId];
    for (const id of ids) {
      this.ensure(id).catch((err: unknown) => this.#options.log?.warn({ customer_id: id, err: (err as Error).message }, 'push channel update failed'));
    }
  }

  /** Whether Google is known to tell us about changes to this calendar right now. */
  isLive(calendarKey: string): boolean {
    const channel = this.#current.get(calendarKey);
    return channel?.heard === true && channel.resourceId !== undefined && Date.now() < channel.expiration;
  }

  /**
   * Judges a notification: an unknown channel or a wrong token (compared in constant time) or resource
   * changes nothing; an accepted one invalidates the calendar's cache in every replica before it is
   * answered (a `sync` too: changes made before the channel existed were never announced). A channel
   * another replica opened is looked up in the table.
   */
  async notify(notification: PushNotification): Promise<NotificationVerdict> {
    const channel = this.#byId.get(notification.channelId) ?? (await this.#table.byId(notification.channelId));
    if (!channel) return 'unknown_channel';
    if (notification.token === undefined || !timingSafeEqual(sha256(notification.token), Buffer.from(channel.tokenHash, 'hex'))) return 'refused';
    if (channel.resourceId !== undefined && notification.resourceId !== undefined && notification.resourceId !== channel.resourceId) return 'refused';
    if (!channel.heard) {
      const mine = this.#byId.get(channel.id);
      if (mine) mine.heard = true;
      if (await this.#table.markHeard(channel.id)) await this.#announce(channel.calendarKey);
    }
    await this.#options.onCalendarChanged(channel.calendarKey);
    return 'accepted';
  }

  /** Live channels, for logs and tests (no tokens). */
  channels(): { id: string; calendarKey: string; resourceId: string | undefined; expiration: number; heard: boolean }[] {
    return [...this.#current.values()].map(({ id, calendarKey, resourceId, expiration, heard }) => ({ id, calendarKey, resourceId, expiration, heard }));
  }

  /** Stops every timer and, as the only process (SQLite), every channel (best effort). */
  async close(): Promise<void> {
    this.#closed = true;
    this.#unsubscribe?.();
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
    await Promise.allSettled([...this.#opening.values()]);
    const channels = [...this.#current.values()];
    this.#current.clear();
    if (this.#options.onlyProcess) await Promise.allSettled(channels.map((c) => this.#stop(c)));
  }

  #open(calendarKey: string, customerId: string): Promise<void> {
    const running = this.#opening.get(calendarKey);
    if (running) return running;
    const opening = this.#options.store.locks
      .run(`push:${calendarKey}`, () => this.#claim(calendarKey, customerId), { waitMs: CLAIM_WAIT_MS })
      .catch((err: unknown) => {
        this.#options.log?.warn(
          { customer_id: customerId, err: (err as Error).message },
          err instanceof LockTimeoutError ? 'another replica held the push channel too long; trying again later' : 'could not open a Google push channel',
        );
        this.#schedule(calendarKey, this.#retryMs);
      })
      .finally(() => this.#opening.delete(calendarKey));
    this.#opening.set(calendarKey, opening);
    return opening;
  }

  /**
   * Holding `push:<calendar>`: adopts the channel another replica (or an earlier run) opened when it is
   * not due for renewal, otherwise opens a new one and retires the old.
   */
  async #claim(calendarKey: string, customerId: string): Promise<void> {
    if (this.#closed) return;
    const stored = await this.#table.ofCalendar(calendarKey);
    // Under the lock nobody is between insert and answer: a row without a resource is a leftover of a watch that died.
    for (const leftover of stored.filter((c) => c.resourceId === undefined)) await this.#table.remove(leftover.id);
    const [latest] = stored.filter((c) => c.resourceId !== undefined);
    if (latest && Date.now() < latest.renewAt) {
      this.#adopt(latest);
      return;
    }
    await this.#watch(calendarKey, customerId, latest);
  }

  async #watch(calendarKey: string, customerId: string, previous: StoredPushChannel | undefined): Promise<void> {
    const token = randomBytes(32).toString('base64url');
    const channel: Channel = {
      id: randomUUID(),
      tokenHash: sha256(token).toString('hex'),
      calendarKey,
      customerId,
      resourceId: undefined,
      expiration: Date.now() + this.#ttlMs,
      renewAt: Date.now() + this.#ttlMs,
      heard: false,
    };
    // Known before asking, here and in the table: Google's `sync` message may arrive (at any replica) before the watch's answer.
    this.#byId.set(channel.id, channel);
    await this.#table.insert({ ...channel, heard: false });
    try {
      const started = await this.#options.backends.forCustomer(customerId).watch({ id: channel.id, token, address: this.#options.address, expiration: channel.expiration });
      channel.resourceId = started.resourceId;
      channel.expiration = started.expiration;
      const life = Math.max(0, started.expiration - Date.now());
      channel.renewAt = Date.now() + Math.max(life - this.#renewBeforeMs, life / 2);
    } catch (err) {
      this.#byId.delete(channel.id);
      await this.#table.remove(channel.id);
      this.#options.log?.warn({ customer_id: customerId, err: (err as Error).message }, 'could not open a Google push channel; re-checks read Google until one is open');
      this.#schedule(calendarKey, this.#retryMs);
      return;
    }
    if (this.#closed || !this.#users.get(calendarKey)?.size) {
      await this.#stop(channel);
      return;
    }
    await this.#table.started(channel.id, { resourceId: channel.resourceId, expiration: channel.expiration, renewAt: channel.renewAt });
    // A sync message heard meanwhile by another replica is in the table.
    const heardElsewhere = (await this.#table.byId(channel.id))?.heard ?? false;
    channel.heard ||= heardElsewhere;
    const replaced = this.#current.get(calendarKey);
    this.#current.set(calendarKey, channel);
    this.#schedule(calendarKey, Math.max(1_000, channel.renewAt - Date.now()));
    this.#options.log?.info({ customer_id: customerId, channel_id: channel.id, expires_at: new Date(channel.expiration).toISOString() }, 'Google push channel open');
    await this.#announce(calendarKey);
    // The channel replaced, as this process knew it and as the table had it.
    const retired = new Map<string, Pick<Channel, 'id' | 'customerId' | 'resourceId'>>();
    if (replaced && replaced.id !== channel.id) retired.set(replaced.id, replaced);
    if (previous && previous.id !== channel.id) retired.set(previous.id, previous);
    for (const old of retired.values()) await this.#stop(old);
  }

  /** Takes a channel from the table as this calendar's current one (another replica opened or renewed it). */
  #adopt(stored: StoredPushChannel): void {
    const known = this.#current.get(stored.calendarKey);
    if (known && known.id !== stored.id) this.#byId.delete(known.id);
    const channel: Channel = this.#byId.get(stored.id) ?? { ...stored };
    channel.customerId = stored.customerId;
    channel.resourceId = stored.resourceId;
    channel.expiration = stored.expiration;
    channel.renewAt = stored.renewAt;
    channel.heard ||= stored.heard;
    this.#byId.set(channel.id, channel);
    this.#current.set(stored.calendarKey, channel);
    if (!this.#closed) this.#schedule(stored.calendarKey, Math.max(1_000, channel.renewAt - Date.now()));
  }

  /** Another replica changed the calendar's channel: take what the table now says. */
  async #reload(calendarKey: string): Promise<void> {
    if (this.#closed) return;
    const [latest] = (await this.#table.ofCalendar(calendarKey)).filter((c) => c.resourceId !== undefined);
    if (latest) {
      if (this.#users.get(calendarKey)?.size) this.#adopt(latest);
      return;
    }
    const known = this.#current.get(calendarKey);
    if (known && known.resourceId !== undefined) {
      this.#current.delete(calendarKey);
      this.#byId.delete(known.id);
    }
  }

  /** Tells every replica (this one included) that the calendar's channel changed. */
  async #announce(calendarKey: string): Promise<void> {
    try {
      await this.#options.store.changes.publish(PUSH_CHANNELS_CHANNEL, calendarKey);
    } catch (err) {
      this.#options.log?.warn({ err: (err as Error).message }, 'could not tell the other replicas about a push channel');
    }
  }

  /** Renews (or retries opening) the calendar's channel after `delayMs`, through one of its customers. */
  #schedule(calendarKey: string, delayMs: number): void {
    clearTimeout(this.#timers.get(calendarKey));
    if (this.#closed) return;
    const timer = setTimeout(() => {
      this.#timers.delete(calendarKey);
      const users = this.#users.get(calendarKey);
      const owner = this.#current.get(calendarKey)?.customerId;
      const customerId = owner !== undefined && users?.has(owner) ? owner : users?.values().next().value;
      if (customerId === undefined) return;
      void this.#open(calendarKey, customerId);
    }, delayMs);
    timer.unref();
    this.#timers.set(calendarKey, timer);
  }

  async #forget(customerId: string, options: { stop: boolean }): Promise<void> {
    const calendarKey = this.#calendarOf.get(customerId);
    if (calendarKey === undefined) return;
    this.#calendarOf.delete(customerId);
    const users = this.#users.get(calendarKey);
    users?.delete(customerId);
    const channel = this.#current.get(calendarKey);
    if (users && users.size > 0) {
      // Others still reach this calendar: the channel stays, renewed through one of them.
      const next = users.values().next().value;
      if (channel && channel.customerId === customerId && next !== undefined) {
        channel.customerId = next;
        if (options.stop) await this.#table.handOver(channel.id, next);
      }
      return;
    }
    this.#users.delete(calendarKey);
    clearTimeout(this.#timers.get(calendarKey));
    this.#timers.delete(calendarKey);
    if (!channel) return;
    this.#current.delete(calendarKey);
    if (options.stop) {
      channel.customerId = customerId;
      await this.#options.store.locks.run(`push:${calendarKey}`, () => this.#stop(channel), { waitMs: CLAIM_WAIT_MS });
      await this.#announce(calendarKey);
    } else {
      this.#byId.delete(channel.id);
    }
  }

  /** Stops a channel at Google (best effort) and removes it from the table. */
  async #stop(channel: Pick<Channel, 'id' | 'customerId' | 'resourceId'>): Promise<void> {
    this.#byId.delete(channel.id);
    await this.#table
      .remove(channel.id)
      .catch((err: unknown) => this.#options.log?.warn({ channel_id: channel.id, err: (err as Error).message }, 'could not remove a push channel from the table'));
    if (channel.resourceId === undefined) return;
    try {
      await this.#options.backends.forCustomer(channel.customerId).stopChannel({ id: channel.id, resourceId: channel.resourceId });
    } catch (err) {
      this.#options.log?.warn(
        { customer_id: channel.customerId, channel_id: channel.id, err: (err as Error).message },
        'could not stop a Google push channel; it lapses at its expiry',
      );
    }
  }
}

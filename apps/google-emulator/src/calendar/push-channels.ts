import { calendarError } from '../google-errors.js';
import { GoogleApiError } from './google-api-error.js';
import { type DeliveryOutcome, NotificationSender, type NotificationSenderOptions, type ResourceState } from './notification-sender.js';
import { eventsResourceId, eventsResourceUri, type PushChannel } from './push-channel.js';
import type { WatchRequest } from './watch-request.js';

/** Who opens a channel: the client and grant of the bearer token, and the account whose calendar it watches. */
export interface ChannelOwner {
  clientId: string;
  grantId: string;
  email: string;
}

/** How a channel's deliveries went since the emulator started (not kept in the state file). */
export interface DeliveryStats {
  /** Messages delivered (a success answer, possibly after retries). */
  delivered: number;
  /** Messages given up on (every try failed, or an answer Google does not retry). */
  failed: number;
  /** HTTP requests made, retries included. */
  attempts: number;
  /** Messages queued and not finished. */
  pending: number;
  /** Status of the last answer, or null if none came. */
  lastStatus: number | null;
  /** Why the last finished message failed, or null if it was delivered. */
  lastError: string | null;
  /** When the last message finished, ISO 8601, or null. */
  lastDeliveryAt: string | null;
}

/** One live channel as `GET /__emulator/channels` lists it (the token itself is not shown). */
export interface ChannelStatus extends DeliveryStats {
  id: string;
  clientId: string;
  calendar: string;
  resourceId: string;
  resourceUri: string;
  address: string;
  hasToken: boolean;
  /** ISO 8601. */
  expiration: string;
  createdAt: string;
  /** Number of the last message queued (1 = the `sync` message). */
  messageNumber: number;
}

/** How to create {@link PushChannels}. */
export interface PushChannelsOptions {
  /** Channels to start with, from a state file (expired ones are dropped). */
  restore?: readonly PushChannel[];
  /** Called after a channel is opened, stopped or dropped, so that a state file can be written. */
  onChange?: () => void;
  /** Delivery timing; Google-like defaults. */
  sender?: NotificationSenderOptions;
  /** Where failed deliveries are reported; defaults to a line on stderr. */
  log?: (line: string) => void;
}

function keyOf(clientId: string, id: string): string {
  return `${clientId}\n${id}`;
}

function emptyStats(): DeliveryStats {
  return { delivered: 0, failed: 0, attempts: 0, pending: 0, lastStatus: null, lastError: null, lastDeliveryAt: null };
}

/**
 * The notification channels opened with `events.watch`, and their messages: a `sync` message once the
 * watch is answered, then an `exists` message to every live channel on a calendar whenever one of its
 * events is inserted, patched or cancelled (through the Calendar API or the control API). Messages of
 * a channel go out one after the other, in message-number order, in the background: nothing here
 * delays or fails the request that caused them. Channels end when stopped, at their expiration, or
 * when the grant whose token opened them is revoked.
 */
export class PushChannels {
  readonly #channels = new Map<string, PushChannel>();
  readonly #stats = new Map<string, DeliveryStats>();
  readonly #queues = new Map<string, Promise<void>>();
  readonly #sender: NotificationSender;
  readonly #changed: () => void;
  #log: (line: string) => void;

  constructor(options: PushChannelsOptions = {}) {
    this.#changed = options.onChange ?? (() => {});
    this.#sender = new NotificationSender(options.sender);
    this.#log = options.log ?? ((line) => process.stderr.write(`google-emulator: ${line}\n`));
    const now = Date.now();
    for (const channel of options.restore ?? []) {
      if (channel.expiration > now) this.#channels.set(keyOf(channel.clientId, channel.id), { ...channel });
    }
  }

  /** Sends failed-delivery reports to `log` instead (the app's logger, when it has one). */
  logTo(log: (line: string) => void): void {
    this.#log = log;
  }

  /**
   * Opens a channel on `owner.email`'s events (`calendarId` as the request named it, for the
   * `resourceUri`). Throws 400 `channelIdNotUnique` if the client has a live channel with that id.
   * Its `sync` message goes out with {@link announce}.
   */
  watch(owner: ChannelOwner, calendarId: string, request: WatchRequest): PushChannel {
    const now = Date.now();
    const key = keyOf(owner.clientId, request.id);
    const existing = this.#channels.get(key);
    if (existing !== undefined && existing.expiration > now) {
      throw new GoogleApiError(calendarError(400, 'channelIdNotUnique', `Channel id ${request.id} not unique`));
    }
    const channel: PushChannel = {
      id: request.id,
      clientId: owner.clientId,
      grantId: owner.grantId,
      email: owner.email.toLowerCase(),
      resourceId: eventsResourceId(owner.email),
      resourceUri: eventsResourceUri(calendarId),
      address: request.address,
      ...(request.token === undefined ? {} : { token: request.token }),
      expiration: request.expiration,
      createdAt: now,
      messageNumber: 0,
    };
    this.#channels.set(key, channel);
    this.#stats.set(key, emptyStats());
    this.#changed();
    return channel;
  }

  /** Queues the channel's `sync` message (number 1), once the watch has been answered. */
  announce(channel: PushChannel): void {
    if (channel.messageNumber === 0) this.#enqueue(channel, 'sync');
  }

  /**
   * `channels.stop`: ends the client's channel `id` on `resourceId`. Returns false (the caller
   * answers 404) if there is no such live channel for this client.
   */
  stop(clientId: string, id: string, resourceId: string): boolean {
    const key = keyOf(clientId, id);
    const channel = this.#channels.get(key);
    if (channel === undefined || channel.resourceId !== resourceId) return false;
    this.#remove(key);
    this.#changed();
    // An expired channel is gone already: Google no longer knows it.
    return channel.expiration > Date.now();
  }

  /** Sends an `exists` message on every live channel watching `email`'s events. */
  notifyChange(email: string): void {
    const calendar = email.toLowerCase();
    for (const channel of this.#liveChannels()) {
      if (channel.email === calendar) this.#enqueue(channel, 'exists');
    }
  }

  /** Ends every channel opened with a token of the grant (it was revoked); returns how many. */
  stopGrant(grantId: string): number {
    const keys = [...this.#channels].filter(([, channel]) => channel.grantId === grantId).map(([key]) => key);
    for (const key of keys) this.#remove(key);
    if (keys.length > 0) this.#changed();
    return keys.length;
  }

  /** Makes live channels (all, or those with id `id`) expire now, for tests; returns how many. */
  expire(id?: string): number {
    const now = Date.now();
    const channels = this.#liveChannels().filter((channel) => id === undefined || channel.id === id);
    for (const channel of channels) channel.expiration = now;
    if (channels.length > 0) this.#changed();
    return channels.length;
  }

  /** Live channels with their delivery counts, oldest first. */
  status(): ChannelStatus[] {
    return this.#liveChannels().map((channel) => {
      const stats = this.#stats.get(keyOf(channel.clientId, channel.id)) ?? emptyStats();
      return {
        id: channel.id,
        clientId: channel.clientId,
        calendar: channel.email,
        resourceId: channel.resourceId,
        resourceUri: channel.resourceUri,
        address: channel.address,
        hasToken: channel.token !== undefined,
        expiration: new Date(channel.expiration).toISOString(),
        createdAt: new Date(channel.createdAt).toISOString(),
        messageNumber: channel.messageNumber,
        ...stats,
      };
    });
  }

  /** How many channels are live. */
  liveCount(): number {
    return this.#liveChannels().length;
  }

  /** Live channels for the state file (serialize at once: records are shared). */
  snapshot(): PushChannel[] {
    return this.#liveChannels();
  }

  /** Forgets every channel; messages in flight are not retried. */
  clear(): void {
    for (const key of [...this.#channels.keys()]) this.#remove(key);
  }

  /** Stops sending: deliveries in flight are abandoned (the emulator is closing). */
  close(): void {
    this.#sender.close();
  }

  /** Live channels; expired ones are dropped on the way. */
  #liveChannels(): PushChannel[] {
    const now = Date.now();
    const live: PushChannel[] = [];
    let dropped = false;
    for (const [key, channel] of this.#channels) {
      if (channel.expiration > now) {
        live.push(channel);
      } else {
        this.#remove(key);
        dropped = true;
      }
    }
    if (dropped) this.#changed();
    return live;
  }

  #remove(key: string): void {
    this.#channels.delete(key);
    this.#stats.delete(key);
  }

  /** Numbers the message now (so numbers follow the changes' order) and sends it after the channel's earlier ones. */
  #enqueue(channel: PushChannel, state: ResourceState): void {
    const key = keyOf(channel.clientId, channel.id);
    channel.messageNumber += 1;
    const messageNumber = channel.messageNumber;
    const stats = this.#stats.get(key) ?? emptyStats();
    this.#stats.set(key, stats);
    stats.pending += 1;
    const stillWanted = () => this.#channels.get(key) === channel && channel.expiration > Date.now();
    const previous = this.#queues.get(key) ?? Promise.resolve();
    const next = previous.then(async () => {
      const outcome = await this.#sender.send(channel, state, messageNumber, stillWanted);
      this.#record(channel, stats, state, messageNumber, outcome);
    });
    this.#queues.set(key, next);
    void next.finally(() => {
      if (this.#queues.get(key) === next) this.#queues.delete(key);
    });
  }

  #record(channel: PushChannel, stats: DeliveryStats, state: ResourceState, messageNumber: number, outcome: DeliveryOutcome): void {
    stats.pending -= 1;
    stats.attempts += outcome.attempts;
    if (outcome.status !== undefined) stats.lastStatus = outcome.status;
    if (outcome.abandoned === true) return;
    stats.lastDeliveryAt = new Date().toISOString();
    if (outcome.delivered) {
      stats.delivered += 1;
      stats.lastError = null;
      return;
    }
    stats.failed += 1;
    stats.lastError = outcome.error ?? 'failed';
    this.#log(
      `push notification ${state} #${messageNumber} of channel ${channel.id} to ${channel.address} failed after ${outcome.attempts} ${
        outcome.attempts === 1 ? 'try' : 'tries'
      }: ${stats.lastError}`,
    );
  }
}

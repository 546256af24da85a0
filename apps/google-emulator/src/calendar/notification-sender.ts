import { setTimeout as delay } from 'node:timers/promises';
import type { PushChannel } from './push-channel.js';

/** `X-Goog-Resource-State` of a notification message: `sync` after watch, `exists` on a change. */
export type ResourceState = 'sync' | 'exists' | 'not_exists';

/** Answers Google counts as delivered; any other is a failure. */
const SUCCESS_STATUSES = new Set([102, 200, 201, 202, 204]);

/** Answers after which Google tries again, with exponential backoff. */
const RETRIED_STATUSES = new Set([500, 502, 503, 504]);

/** Timing of deliveries: Google's behaviour (a few tries, backoff), scaled down for a local stand-in. */
export interface NotificationSenderOptions {
  /** Per try; defaults to 3 s. */
  timeoutMs?: number;
  /** Tries per message, the first included; defaults to 3. */
  maxAttempts?: number;
  /** Wait before the second try, doubled before each further one; defaults to 250 ms. */
  backoffMs?: number;
  /** Longest wait between tries; defaults to 2 s. */
  maxBackoffMs?: number;
}

/** How one message's delivery ended. */
export interface DeliveryOutcome {
  delivered: boolean;
  attempts: number;
  /** Status of the last answer, if any came. */
  status?: number | undefined;
  /** Why the last try failed (network error, timeout, status), if it did. */
  error?: string | undefined;
  /** Given up without a verdict: the emulator is closing, or the channel ended meanwhile. */
  abandoned?: boolean;
}

/** The headers of a notification message, exactly as Google sends them (the body is empty). */
export function notificationHeaders(channel: PushChannel, state: ResourceState, messageNumber: number): Record<string, string> {
  return {
    'x-goog-channel-id': channel.id,
    ...(channel.token === undefined ? {} : { 'x-goog-channel-token': channel.token }),
    'x-goog-channel-expiration': new Date(channel.expiration).toUTCString(),
    'x-goog-resource-id': channel.resourceId,
    'x-goog-resource-uri': channel.resourceUri,
    'x-goog-resource-state': state,
    'x-goog-message-number': String(messageNumber),
    'user-agent': 'APIs-Google; (+https://developers.google.com/webmasters/APIs-Google.html)',
  };
}

/**
 * POSTs notification messages to channel addresses the way Google does: empty body, Google's
 * headers, a short timeout, success on 102/200/201/202/204, a few tries with capped exponential
 * backoff after a 500/502/503/504, a timeout or a network error, and no retry after any other answer.
 * It never throws; {@link close} abandons what is in flight (the emulator is stopping).
 */
export class NotificationSender {
  readonly #timeoutMs: number;
  readonly #maxAttempts: number;
  readonly #backoffMs: number;
  readonly #maxBackoffMs: number;
  readonly #closing = new AbortController();

  constructor(options: NotificationSenderOptions = {}) {
    this.#timeoutMs = options.timeoutMs ?? 3000;
    this.#maxAttempts = options.maxAttempts ?? 3;
    this.#backoffMs = options.backoffMs ?? 250;
    this.#maxBackoffMs = options.maxBackoffMs ?? 2000;
  }

  /**
   * Delivers one message, trying again as Google does. `stillWanted` is asked before each try: a
   * channel stopped or expired meanwhile gets nothing more.
   */
  async send(channel: PushChannel, state: ResourceState, messageNumber: number, stillWanted: () => boolean): Promise<DeliveryOutcome> {
    const headers = notificationHeaders(channel, state, messageNumber);
    let outcome: DeliveryOutcome = { delivered: false, attempts: 0, error: 'not sent' };
    for (let attempt = 1; attempt <= this.#maxAttempts; attempt += 1) {
      if (attempt > 1) {
        const wait = Math.min(this.#backoffMs * 2 ** (attempt - 2), this.#maxBackoffMs);
        try {
          await delay(wait, undefined, { signal: this.#closing.signal });
        } catch {
          return { ...outcome, abandoned: true };
        }
      }
      if (this.#closing.signal.aborted || !stillWanted()) return { ...outcome, abandoned: true };
      const { retry, ...result } = await this.#try(channel.address, headers);
      outcome = { ...result, attempts: attempt };
      if (this.#closing.signal.aborted) return { ...outcome, abandoned: true };
      if (result.delivered || !retry) return outcome;
    }
    return outcome;
  }

  /** Abandons deliveries in flight and waits between tries; later sends do nothing. */
  close(): void {
    this.#closing.abort();
  }

  async #try(address: string, headers: Record<string, string>): Promise<Omit<DeliveryOutcome, 'attempts'> & { retry: boolean }> {
    try {
      const response = await fetch(address, {
        method: 'POST',
        headers,
        body: '',
        redirect: 'manual',
        signal: AbortSignal.any([AbortSignal.timeout(this.#timeoutMs), this.#closing.signal]),
      });
      await response.body?.cancel().catch(() => {});
      if (SUCCESS_STATUSES.has(response.status)) return { delivered: true, status: response.status, retry: false };
      return { delivered: false, status: response.status, error: `HTTP ${response.status}`, retry: RETRIED_STATUSES.has(response.status) };
    } catch (error) {
      const reason = error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${this.#timeoutMs} ms` : failureText(error);
      return { delivered: false, error: reason, retry: !this.#closing.signal.aborted };
    }
  }
}

function failureText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  const code = typeof cause === 'object' && cause !== null ? (cause as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? `${error.message} (${code})` : error.message;
}

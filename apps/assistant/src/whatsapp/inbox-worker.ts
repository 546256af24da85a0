import type { FastifyBaseLogger } from 'fastify';
import type { InboundInbox, InboxMessage } from './inbound-inbox.js';
import type { InboundMessageProcessor } from './inbound-message-processor.js';
import { ReplyDeliveryError } from './reply-delivery-error.js';

/** Lets tests and graceful shutdown wait for the WhatsApp processing that runs after the webhook's answer. */
export interface WhatsAppWebhookHandle {
  /** Resolves once the inbox has nothing left to do (retries waiting for their backoff included). */
  idle(): Promise<void>;
}

/** Options of {@link InboxWorker}. */
export interface InboxWorkerOptions {
  inbox: InboundInbox;
  processor: Pick<InboundMessageProcessor, 'handle' | 'apologize'>;
  log: FastifyBaseLogger;
  clock?: () => Date;
  /** Processing attempts per message, the first included, before it is marked failed (default 3). */
  maxAttempts?: number;
  /** Delay before the first retry, doubled for each next one (default 2 s). */
  retryDelayMs?: number;
  /** Senders worked on at once (default 8); one sender's messages always go one at a time. */
  concurrency?: number;
  /**
   * Look at the inbox at least this often even when nothing woke the worker (several replicas: a change
   * message that was lost, another replica's lease running out). Unset: only when woken.
   */
  pollIntervalMs?: number;
}

/**
 * Works off the durable WhatsApp inbox. It claims the oldest due message of each sender with nothing
 * earlier unfinished (so each sender's messages are handled one at a time, in arrival order, and different
 * senders concurrently up to `concurrency`), lets {@link InboundMessageProcessor} reply, and marks the message
 * done. A message whose processing throws is retried with exponential backoff (its sender's later messages
 * wait), up to `maxAttempts`; then it is marked failed, logged, and the customer gets the canned apology once.
 * {@link start} first puts back in line what a stopped process left `processing` (SQLite; on PostgreSQL the
 * lease of a stopped replica's message runs out instead); {@link notify} wakes it when the webhook (of any
 * replica) stored something. While a message is worked on, its lease is renewed every third of the lease.
 */
export class InboxWorker implements WhatsAppWebhookHandle {
  readonly #inbox: InboundInbox;
  readonly #processor: InboxWorkerOptions['processor'];
  readonly #log: FastifyBaseLogger;
  readonly #clock: () => Date;
  readonly #maxAttempts: number;
  readonly #retryDelayMs: number;
  readonly #concurrency: number;
  readonly #pollIntervalMs: number | undefined;
  readonly #inFlight = new Set<Promise<void>>();
  #running = false;
  #pumping: Promise<void> | undefined;
  #pumpAgain = false;
  #timer: NodeJS.Timeout | undefined;
  #waiters: (() => void)[] = [];

  constructor(options: InboxWorkerOptions) {
    this.#inbox = options.inbox;
    this.#processor = options.processor;
    this.#log = options.log;
    this.#clock = options.clock ?? (() => new Date());
    this.#maxAttempts = Math.max(1, options.maxAttempts ?? 3);
    this.#retryDelayMs = options.retryDelayMs ?? 2_000;
    this.#concurrency = Math.max(1, options.concurrency ?? 8);
    this.#pollIntervalMs = options.pollIntervalMs;
  }

  /** Resumes the messages a previous process left unfinished, then starts working. */
  async start(): Promise<void> {
    if (this.#running) return;
    const recovered = await this.#inbox.recoverAbandoned(this.#clock());
    const unfinished = await this.#inbox.countUnfinished();
    if (unfinished > 0) {
      this.#log.info({ unfinished, interrupted: recovered }, 'Resuming unfinished WhatsApp messages from the inbox');
    }
    this.#running = true;
    this.notify();
  }

  /** Tells the worker that new messages were stored. */
  notify(): void {
    if (!this.#running) return;
    if (this.#pumping !== undefined) {
      this.#pumpAgain = true;
      return;
    }
    this.#pumping = this.#pump()
      .catch((error: unknown) => {
        this.#log.error({ err: error }, 'WhatsApp inbox: claiming messages failed; trying again shortly');
        this.#wakeAt(new Date(this.#clock().getTime() + 1_000));
      })
      .finally(() => {
        this.#pumping = undefined;
        if (this.#pumpAgain) {
          this.#pumpAgain = false;
          this.notify();
        }
        this.#changed();
      });
  }

  /** Stops claiming and waits for the messages in hand; the rest stays in the inbox for the next start. */
  async stop(): Promise<void> {
    this.#running = false;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#pumping;
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
    this.#changed();
  }

  async idle(): Promise<void> {
    for (;;) {
      if (this.#inFlight.size === 0 && this.#pumping === undefined) {
        if (!this.#running || (await this.#inbox.countUnfinished()) === 0) return;
        if (this.#timer === undefined) this.notify();
      }
      await new Promise<void>((resolve) => {
        const fallback = setTimeout(resolve, 100);
        this.#waiters.push(() => {
          clearTimeout(fallback);
          resolve();
        });
      });
    }
  }

  async #pump(): Promise<void> {
    let lastClaim = this.#clock();
    while (this.#running && this.#inFlight.size < this.#concurrency) {
      lastClaim = this.#clock();
      const message = await this.#inbox.claimNext(lastClaim);
      if (message === undefined) break;
      const task: Promise<void> = this.#handle(message).finally(() => {
        this.#inFlight.delete(task);
        this.notify();
      });
      this.#inFlight.add(task);
    }
    if (!this.#running) return;
    // From the last claim's time: a retry that fell due since then is woken for at once, not missed.
    const due = await this.#inbox.nextDueAfter(lastClaim);
    const poll = this.#pollIntervalMs === undefined ? undefined : new Date(this.#clock().getTime() + this.#pollIntervalMs);
    const wake = due === undefined || (poll !== undefined && poll < due) ? poll : due;
    if (wake !== undefined) this.#wakeAt(wake);
  }

  #wakeAt(due: Date): void {
    if (!this.#running) return;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    const delay = Math.max(0, due.getTime() - this.#clock().getTime());
    this.#timer = setTimeout(
      () => {
        this.#timer = undefined;
        this.notify();
      },
      Math.min(delay, 60_000),
    );
  }

  async #handle(message: InboxMessage): Promise<void> {
    const log = this.#log.child({ waId: message.sender, messageId: message.messageId });
    const renewal = this.#keepLease(message, log);
    try {
      if (message.attempts > this.#maxAttempts) {
        await this.#giveUp(message, `gave up after ${message.attempts - 1} attempts (the process stopped during the last one)`, log);
        return;
      }
      try {
        await this.#processor.handle(message, log);
      } catch (error) {
        await this.#failed(message, error, log);
        return;
      }
      await this.#inbox.markDone(message, this.#clock());
    } catch (error) {
      // The database failed while recording the outcome; the message stays `processing` until the next start
      // (SQLite) or until its lease runs out (PostgreSQL).
      log.error({ err: error }, 'WhatsApp inbox: could not record the outcome of a message');
    } finally {
      clearInterval(renewal);
    }
  }

  /** Renews the message's lease every third of it while it is worked on, so no other replica takes it over. */
  #keepLease(message: InboxMessage, log: FastifyBaseLogger): NodeJS.Timeout {
    return setInterval(
      () => {
        this.#inbox.renewLease(message, this.#clock()).then(
          (held) => {
            if (!held) log.warn('WhatsApp inbox: the lease of a message in hand was lost (another replica may have taken it over)');
          },
          (error: unknown) => log.warn({ err: error }, 'WhatsApp inbox: could not renew the lease of a message in hand'),
        );
      },
      Math.max(1, Math.floor(this.#inbox.leaseMs / 3)),
    );
  }

  async #failed(message: InboxMessage, error: unknown, log: FastifyBaseLogger): Promise<void> {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const retryable = !(error instanceof ReplyDeliveryError) || error.retryable;
    if (retryable && message.attempts < this.#maxAttempts) {
      const delayMs = this.#retryDelayMs * 2 ** (message.attempts - 1);
      log.warn({ err: error, attempt: message.attempts, maxAttempts: this.#maxAttempts, delayMs }, 'WhatsApp message processing failed; retrying later');
      await this.#inbox.scheduleRetry(message, reason, new Date(this.#clock().getTime() + delayMs));
      return;
    }
    await this.#giveUp(message, reason, log, error);
  }

  /** Marks the message failed first, so that the apology is attempted once even if the process stops. */
  async #giveUp(message: InboxMessage, reason: string, log: FastifyBaseLogger, error?: unknown): Promise<void> {
    await this.#inbox.markFailed(message, reason, this.#clock());
    log.error({ err: error, attempts: message.attempts, reason }, 'WhatsApp message failed for good; the customer gets the apology');
    try {
      await this.#processor.apologize(message, log);
    } catch (apologyError) {
      log.error({ err: apologyError }, 'WhatsApp apology could not be sent');
    }
  }

  #changed(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }
}

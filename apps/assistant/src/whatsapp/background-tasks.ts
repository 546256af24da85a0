import type { FastifyBaseLogger } from 'fastify';

/** Lets tests and graceful shutdown wait for webhook processing that runs after the HTTP answer. */
export interface WhatsAppWebhookHandle {
  /** Resolves once every task started so far — and any task they start meanwhile — has finished. */
  idle(): Promise<void>;
}

/**
 * Tracks the work the webhook does after it has answered Meta. Construct one, pass it to the plugin as
 * `background` and call {@link BackgroundTasks.idle} to await in-flight processing. Without one the plugin
 * makes its own; either way `app.close()` waits for it.
 */
export class BackgroundTasks implements WhatsAppWebhookHandle {
  readonly #pending = new Set<Promise<void>>();

  /**
   * Starts `task` on a later turn of the event loop (after the current response has been written) and
   * tracks it. A rejection is logged on `log`, never thrown.
   */
  run(task: () => Promise<void>, log: FastifyBaseLogger): void {
    const tracked: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
      .then(task)
      .catch((error: unknown) => {
        log.error({ err: error }, 'WhatsApp webhook background processing failed');
      })
      .finally(() => {
        this.#pending.delete(tracked);
      });
    this.#pending.add(tracked);
  }

  /** Number of tasks started and not yet finished. */
  get size(): number {
    return this.#pending.size;
  }

  async idle(): Promise<void> {
    while (this.#pending.size > 0) {
      await Promise.allSettled([...this.#pending]);
    }
  }
}

/**
 * Runs jobs one after the other per key (a sender's WhatsApp id) and concurrently across keys, so one
 * customer's messages are answered in the order they arrived while other customers are not kept waiting.
 */
export class SenderQueue {
  readonly #tails = new Map<string, Promise<void>>();

  /**
   * Runs `job` after every job queued earlier for `key` has settled. The returned promise settles like
   * `job`; a failing job does not stop the ones queued after it.
   */
  enqueue(key: string, job: () => Promise<void>): Promise<void> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const result = previous.then(job);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.#tails.set(key, tail);
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return result;
  }

  /** Number of keys with queued or running jobs. */
  get activeKeys(): number {
    return this.#tails.size;
  }
}

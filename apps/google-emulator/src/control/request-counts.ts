/** Per-endpoint request counters, keyed by endpoint name (see the instrumentation plugin). */
export class RequestCounts {
  readonly #known = new Set<string>();
  readonly #counts = new Map<string, number>();

  /** Makes `name` appear in snapshots even before it is hit. */
  register(name: string): void {
    this.#known.add(name);
  }

  increment(name: string): void {
    this.#counts.set(name, (this.#counts.get(name) ?? 0) + 1);
  }

  /** Counts of every registered or hit endpoint name. */
  snapshot(): Record<string, number> {
    const snapshot: Record<string, number> = {};
    for (const name of [...this.#known].sort()) snapshot[name] = 0;
    for (const [name, count] of this.#counts) snapshot[name] = count;
    return snapshot;
  }

  clear(): void {
    this.#counts.clear();
  }
}

/**
 * When an injected status applies: `before` answers it instead of running the handler (the request
 * has no effect); `after` runs the handler (its effects happen) and then answers the fault status
 * and body instead of the real response (a lost response).
 */
export type FaultMode = 'before' | 'after';

/** Every {@link FaultMode}. */
export const FAULT_MODES: readonly FaultMode[] = ['before', 'after'];

/** A request for injected failures, as posted to `/__emulator/faults`. */
export interface FaultSpec {
  /** Endpoint name, e.g. `token` or the narrower `token.refresh_token`. */
  endpoint: string;
  /** How many matching requests get the fault; defaults to 1. */
  count?: number;
  /** Answer with this status: instead of handling the request, or after it (see `mode`). */
  status?: number;
  /** Defaults to `before`; `after` requires `status`. */
  mode?: FaultMode;
  /** Seconds, sent as `Retry-After` with `status`. */
  retryAfter?: number;
  /** Delay before answering (or before normal handling when no `status`). */
  latencyMs?: number;
  /** Response body with `status`; defaults to Google's error shape for that status. */
  body?: Record<string, unknown>;
}

/** A pending fault and how many requests it still applies to. */
export interface Fault extends Omit<FaultSpec, 'count'> {
  remaining: number;
}

/**
 * Ordered list of pending faults. Each one applies to the next `count` requests whose endpoint
 * names include its `endpoint`; the oldest matching fault wins.
 * The instrumentation plugin applies them: latency and `before` statuses ahead of the handler,
 * `after` statuses in place of the handler's response.
 */
export class FaultQueue {
  #faults: Fault[] = [];

  add(spec: FaultSpec): Fault {
    const { count = 1, ...rest } = spec;
    const fault: Fault = { ...rest, remaining: count };
    this.#faults.push(fault);
    return { ...fault };
  }

  /** Consumes one use of the oldest fault matching any of `endpointNames`. */
  take(endpointNames: readonly string[]): Fault | undefined {
    const fault = this.#faults.find((candidate) => endpointNames.includes(candidate.endpoint));
    if (fault === undefined) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.#faults = this.#faults.filter((candidate) => candidate !== fault);
    return { ...fault };
  }

  list(): Fault[] {
    return this.#faults.map((fault) => ({ ...fault }));
  }

  clear(): void {
    this.#faults = [];
  }
}

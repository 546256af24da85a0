/** One bad input sent over HTTP: what to send, and which 4xx statuses are a clear answer to it. */
export interface HttpBadInput {
  readonly kind: 'http';
  readonly name: string;
  readonly method: string;
  /** Path on the surface's service, query string included. */
  readonly path: string;
  readonly headers?: Record<string, string>;
  /** A string is sent as is; anything else as JSON. */
  readonly body?: unknown;
  /** Acceptable statuses; every one must be a 4xx. */
  readonly status: readonly number[];
}

/** One bad call of an MCP tool: it must end in a tool error or a JSON-RPC error, never a success. */
export interface ToolBadInput {
  readonly kind: 'tool';
  readonly name: string;
  readonly tool: string;
  readonly args: Record<string, unknown>;
  /** A word the error must contain (the field or the rule it breaks). */
  readonly mentions?: string;
}

/** A case of the catalogue. */
export type BadInput = HttpBadInput | ToolBadInput;

/** A 400 (or 422) for a body or parameter that fails validation. */
export const INVALID = [400, 422] as const;

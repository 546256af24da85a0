import type { FastifyInstance } from 'fastify';

/** How long {@link closeGracefully} lets in-flight requests run. */
export interface GracefulCloseOptions {
  /** After this long, connections still busy are cut (default 30 s: longer than a tool call's deadline). */
  readonly graceMs?: number;
}

const SWEEP_MS = 100;

/**
 * Closes `app` so that requests in flight finish but nothing else holds the close: Node closes idle
 * keep-alive sockets only once, when closing starts, so a socket whose request ends afterwards would
 * stay open for Fastify's 72 s keep-alive timeout. Idle sockets are swept until the close ends, and
 * whatever is still busy after `graceMs` is cut.
 */
export async function closeGracefully(app: FastifyInstance, options: GracefulCloseOptions = {}): Promise<void> {
  const closing = app.close();
  const sweep = setInterval(() => app.server.closeIdleConnections(), SWEEP_MS);
  const deadline = setTimeout(() => app.server.closeAllConnections(), options.graceMs ?? 30_000);
  try {
    await closing;
  } finally {
    clearInterval(sweep);
    clearTimeout(deadline);
  }
}

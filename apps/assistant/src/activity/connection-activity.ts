import type { ActivityActor, ConnectionStatus, Delivery } from '@agendo/contracts';
import type { ActivityLog } from './activity-log.js';

/** How long after an admin asked for a popup a new connection counts as theirs. */
const POPUP_WINDOW_MS = 15 * 60_000;

/**
 * Records calendar connections in the activity log. The calendar server does the connecting (the OAuth
 * callback), so a new connection is recorded when the assistant next sees the status — any admin page or
 * poll — once per `connected_at`: `connected` by the admin when they opened the "Conectar" popup lately in
 * this process, else by the customer (a link sent to them, or reconnecting from the chat).
 * Disconnections are recorded by the admin route that makes them.
 */
export class ConnectionActivity {
  readonly #log: ActivityLog;
  readonly #clock: () => Date;
  readonly #popups = new Map<string, number>();

  constructor(log: ActivityLog, options: { clock?: () => Date } = {}) {
    this.#log = log;
    this.#clock = options.clock ?? (() => new Date());
  }

  /** The admin asked for an authorization link (`popup`: they connect it themselves, in their browser). */
  connectRequested(customerId: string, delivery: Delivery): void {
    if (delivery === 'popup') this.#popups.set(customerId, this.#clock().getTime());
    else this.#popups.delete(customerId);
  }

  /** The admin disconnected the calendar. */
  async disconnected(customerId: string, actor: ActivityActor = 'admin'): Promise<void> {
    this.#popups.delete(customerId);
    await this.#log.record(customerId, { kind: 'disconnected', actor });
  }

  /** A status as just read from the calendar server: a connection not yet in the log is recorded. */
  async observe(status: ConnectionStatus | null | undefined): Promise<void> {
    if (status?.status !== 'connected') return;
    const connectedAt = status.connected_at ? new Date(status.connected_at) : this.#clock();
    const last = await this.#log.lastConnectionChange(status.customer_id);
    if (last?.kind === 'connected' && (!status.connected_at || Date.parse(last.at) >= connectedAt.getTime())) return;
    if (last?.kind === 'disconnected' && status.connected_at && Date.parse(last.at) > connectedAt.getTime()) return;
    const popupAt = this.#popups.get(status.customer_id);
    const actor: ActivityActor = popupAt !== undefined && connectedAt.getTime() - popupAt < POPUP_WINDOW_MS ? 'admin' : 'customer';
    this.#popups.delete(status.customer_id);
    await this.#log.record(status.customer_id, { kind: 'connected', actor, at: connectedAt });
  }
}

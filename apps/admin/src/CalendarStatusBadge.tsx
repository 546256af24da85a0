import type { ConnectionStatus } from '@agendo/contracts';
import type { PendingKind } from './useCalendarConnections';

/** The badge's state: the calendar's, "unknown" when the calendar server could not tell, or a popup in progress. */
export type BadgeState = ConnectionStatus['status'] | 'unknown' | 'connecting';

const LABELS: Record<BadgeState, string> = {
  connected: 'Conectado',
  not_connected: 'No conectado',
  needs_reauth: 'Requiere reconexión',
  unknown: 'Desconocido',
  connecting: 'Conectando…',
};

/** Which badge a customer's calendar shows. */
export function badgeState(calendar: ConnectionStatus | null, pending: PendingKind | undefined): BadgeState {
  if (pending === 'popup') return 'connecting';
  return calendar ? calendar.status : 'unknown';
}

/** "Conectado" (green), "No conectado", "Requiere reconexión" (amber), "Desconocido" or "Conectando…". */
export function CalendarStatusBadge({ state }: { state: BadgeState }) {
  return <span className={`badge badge-${state}`}>{LABELS[state]}</span>;
}

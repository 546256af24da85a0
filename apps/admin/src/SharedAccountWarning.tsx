import type { ConnectionStatus } from '@agendo/contracts';

/** The other customers a connected calendar's Google account is also connected for (empty if none or unknown). */
export function sharedWith(calendar: ConnectionStatus | null): readonly string[] {
  if (!calendar || calendar.status === 'not_connected') return [];
  return calendar.also_connected_for ?? [];
}

/** "Esta cuenta de Google también está conectada para: a, b" — for the row and the connect flow. */
export function sharedAccountText(others: readonly string[]): string {
  return `Esta cuenta de Google también está conectada para: ${others.join(', ')}`;
}

/**
 * A row's warning that its Google account is connected for other customers too: their bookings land
 * in one calendar. Plain text (the row is not a live region; completing a connection announces it in
 * the page's status line), in the amber of "Requiere reconexión".
 */
export function SharedAccountWarning({ customerId, calendar }: { customerId: string; calendar: ConnectionStatus | null }) {
  const others = sharedWith(calendar);
  if (others.length === 0) return null;
  return (
    <div className="shared-account wrap-word" data-testid={`shared-account-${customerId}`}>
      {sharedAccountText(others)}
    </div>
  );
}

/** A valid IANA zone for `Intl`, or undefined (the browser's). */
function usableZone(timeZone: string | null | undefined): string | undefined {
  if (!timeZone) return undefined;
  try {
    new Intl.DateTimeFormat('es', { timeZone });
    return timeZone;
  } catch {
    return undefined;
  }
}

/**
 * A moment as the customer page shows it, in Spanish ("14 ene 2027, 15:00"), in the customer's time zone
 * when they have one (so bookings read as the customer booked them), else the browser's.
 */
export function formatDateTime(iso: string, timeZone?: string | null): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const zone = usableZone(timeZone);
  return new Intl.DateTimeFormat('es', { dateStyle: 'medium', timeStyle: 'short', ...(zone ? { timeZone: zone } : {}) }).format(date);
}

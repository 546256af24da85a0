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

/** `2026-03-04T15:00:00-06:00`: a calendar time written with its own offset (not `Z`). */
const WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?[+-]\d{2}:\d{2}$/;

const OPTIONS = { dateStyle: 'medium', timeStyle: 'short' } as const;

/**
 * A moment as the customer page shows it, in Spanish ("4 mar 2026, 15:00"): in the customer's time zone
 * when they have one (so bookings read as the customer booked them); else a calendar time keeps the
 * wall-clock of the offset it carries (the calendar's zone), and any other moment is in the browser's.
 */
export function formatDateTime(iso: string, timeZone?: string | null): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const zone = usableZone(timeZone);
  if (zone) return new Intl.DateTimeFormat('es', { ...OPTIONS, timeZone: zone }).format(date);
  const wall = WITH_OFFSET.exec(iso);
  if (wall) {
    const [, y, mo, d, h, mi] = wall.map(Number) as [number, number, number, number, number, number];
    return new Intl.DateTimeFormat('es', { ...OPTIONS, timeZone: 'UTC' }).format(new Date(Date.UTC(y, mo - 1, d, h, mi)));
  }
  return new Intl.DateTimeFormat('es', OPTIONS).format(date);
}

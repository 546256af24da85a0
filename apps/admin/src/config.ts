/**
 * Origins whose `postMessage`s the page accepts from the OAuth callback popup: the MCP Calendar
 * Server's. `VITE_CALENDAR_ORIGIN` may list several, comma-separated.
 */
export const calendarOrigins: readonly string[] = (import.meta.env.VITE_CALENDAR_ORIGIN ?? 'http://localhost:60000')
  .split(',')
  .map((origin: string) => origin.trim().replace(/\/+$/, ''))
  .filter((origin: string) => origin !== '');

/** How the connection flows time out and poll (milliseconds). */
export const timing = {
  /** Poll interval while a popup authorization is pending. */
  popupPollMs: 2_000,
  /** A popup authorization is given up after this long (its link lives 10 minutes). */
  popupTimeoutMs: 10 * 60_000,
  /** Poll interval while a link sent to the customer is pending. */
  linkPollMs: 3_000,
  /** How long a pending link is watched after the dialog is closed. */
  linkWatchMs: 5 * 60_000,
  /** Debounce of search boxes. */
  searchDebounceMs: 300,
} as const;

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

/** How long an authorization state stays valid, by delivery: a popup is finished at once, a link sent to the customer waits for them. */
export const STATE_TTL_MS = { popup: 10 * 60_000, link: 7 * 24 * 3600_000 } as const;

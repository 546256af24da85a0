import { CalendarToolError } from '../calendar/calendar-port.js';

/**
 * Tool errors after which a write may or may not have happened: Google failed or timed out after the
 * request left (`google_unavailable`, `google_error`, `rate_limited` once retries ran out), or the MCP
 * Calendar Server's answer never arrived (`unreachable`: transport error, timeout). The proposal and its
 * idempotency key must then be kept, so the retry finds the event instead of making a second one.
 */
const UNKNOWN_OUTCOME_CODES: ReadonlySet<CalendarToolError['code']> = new Set(['google_unavailable', 'google_error', 'rate_limited', 'unreachable']);

/** Whether `err` leaves the outcome of a calendar write unknown (see {@link UNKNOWN_OUTCOME_CODES}). */
export function isUnknownOutcome(err: unknown): err is CalendarToolError {
  return err instanceof CalendarToolError && UNKNOWN_OUTCOME_CODES.has(err.code);
}

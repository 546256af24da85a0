/** Why a calendar operation failed, in terms the assistant can act on. */
export type CalendarErrorCode =
  | 'not_connected'
  | 'needs_reauth'
  | 'not_found'
  /** Google 409: an event with that id exists (handled inside the backend). */
  | 'already_exists'
  /** Google 410: the event was deleted already (handled inside the backend). */
  | 'gone'
  | 'slot_unavailable'
  | 'invalid_argument'
  | 'rate_limited'
  | 'google_unavailable'
  | 'google_error';

/** A failure to report to the assistant as a tool error, with a message it can relay. */
export class CalendarError extends Error {
  override readonly name = 'CalendarError';
  readonly code: CalendarErrorCode;

  constructor(code: CalendarErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

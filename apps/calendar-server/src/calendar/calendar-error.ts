import type { CalendarErrorCode } from '@agendo/contracts';

/** Why a calendar operation failed, in terms the assistant can act on (codes shared with the assistant). */
export type { CalendarErrorCode };

/** A failure to report to the assistant as a tool error, with a message it can relay. */
export class CalendarError extends Error {
  override readonly name = 'CalendarError';
  readonly code: CalendarErrorCode;

  constructor(code: CalendarErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

import { CalendarError } from './calendar-error.js';

/** The write that may or may not have happened, in the words of the tool the assistant should repeat. */
export type UncertainWrite = 'create_booking' | 'update_booking' | 'cancel_booking';

const RETRY_ADVICE: Record<UncertainWrite, string> = {
  create_booking:
    'the booking may or may not exist. Retry create_booking with the SAME idempotency_key (never a new one): it returns the booking if it was made, or makes it once.',
  update_booking: 'the booking may or may not have moved. Retry update_booking with the same arguments, or check with list_bookings.',
  cancel_booking: 'the booking may or may not be cancelled. Retry cancel_booking with the same booking_id.',
};

/**
 * A write to Google whose outcome is unknown: it timed out, the connection broke, Google answered 5xx,
 * or retries ran out. Google may have applied it, so the busy cache of that calendar is dropped and
 * the assistant is told to retry the same request (idempotent), never to start over.
 */
export class UnknownOutcomeError extends CalendarError {
  readonly write: UncertainWrite;

  constructor(write: UncertainWrite, reason: string) {
    super('google_unavailable', `Google Calendar did not confirm the change (${reason}); the outcome is unknown: ${RETRY_ADVICE[write]}`);
    this.write = write;
  }
}

import type { BookingService } from '../calendar/booking-service.js';
import type { AccessTokens } from '../tokens/access-tokens.js';

/** Where a tool reports a failure it did not expect (the request's logger). */
export interface ToolFailureLog {
  error(fields: object, message: string): void;
}

/** What a tool call knows: whose calendar (from `X-Customer-Id`) and the services to reach it. */
export interface ToolContext {
  readonly customerId: string;
  readonly bookings: BookingService;
  readonly tokens: AccessTokens;
  /** How many days ahead a booking may be made (`BOOKING_HORIZON_DAYS`; default 365). */
  readonly bookingHorizonDays?: number;
  /** Where unexpected failures are logged before the client gets JSON-RPC -32603. */
  readonly log?: ToolFailureLog;
}

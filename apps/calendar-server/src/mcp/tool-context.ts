import type { BookingService } from '../calendar/booking-service.js';
import type { AccessTokens } from '../tokens/access-tokens.js';

/** What a tool call knows: whose calendar (from `X-Customer-Id`) and the services to reach it. */
export interface ToolContext {
  readonly customerId: string;
  readonly bookings: BookingService;
  readonly tokens: AccessTokens;
  /** How many days ahead a booking may be made (`BOOKING_HORIZON_DAYS`; default 365). */
  readonly bookingHorizonDays?: number;
}

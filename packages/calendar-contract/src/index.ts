export { customerIdSchema } from './customer-id.js';
export {
  type AuthorizeRequest,
  type AuthorizeResponse,
  type ConnectionStatus,
  type DisconnectResponse,
  type StatusesRequest,
  type StatusesResponse,
  authorizeRequestSchema,
  authorizeResponseSchema,
  connectionStatusSchema,
  disconnectResponseSchema,
  statusesRequestSchema,
  statusesResponseSchema,
} from './oauth-contract.js';
export { type BookingOut, type CalendarErrorCode, type IntervalOut, bookingSchema, calendarErrorCodes, intervalSchema } from './booking-contract.js';
export { type AdminRuntimeConfig, parseAdminRuntimeConfig } from './admin-runtime-config.js';

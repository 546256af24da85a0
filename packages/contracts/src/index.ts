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
export { type BookingOut, bookingSchema } from './tools/booking.js';
export { type IntervalOut, intervalSchema } from './tools/interval.js';
export { dateTimeInput, dateTimeOutput, timeZoneOutput } from './tools/date-time.js';
export { timeNotesSchema } from './tools/time-notes.js';
export {
  type CalendarErrorCode,
  type ToolError,
  type ToolErrorDetails,
  type ToolErrorIssue,
  type ToolErrorPayload,
  calendarErrorCodes,
  toolErrorDetailsSchema,
  toolErrorIssueSchema,
  toolErrorSchema,
} from './tools/tool-error.js';
export { type CalendarToolAnnotations, type CalendarToolContract, defineCalendarTool } from './tools/calendar-tool.js';
export { getCalendarInfoTool } from './tools/get-calendar-info.js';
export { checkAvailabilityTool } from './tools/check-availability.js';
export { findAvailableSlotsTool } from './tools/find-available-slots.js';
export { createBookingTool } from './tools/create-booking.js';
export { listBookingsTool } from './tools/list-bookings.js';
export { updateBookingTool } from './tools/update-booking.js';
export { cancelBookingTool } from './tools/cancel-booking.js';
export { type CalendarToolArgs, type CalendarToolInput, type CalendarToolName, type CalendarToolOutput, calendarTools, isCalendarToolName } from './tools/calendar-tools.js';
export { type AdminRuntimeConfig, parseAdminRuntimeConfig } from './admin-runtime-config.js';

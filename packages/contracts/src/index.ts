export {
  type ActivityActor,
  type ActivityEntry,
  type ActivityKind,
  type ActivityPage,
  activityActorSchema,
  activityEntrySchema,
  activityKindSchema,
  activityPageSchema,
} from './admin/activity-entry.js';
export { type AdminSession, adminSessionSchema, type LoginRequest, loginRequestSchema } from './admin/admin-session.js';
export { type AuthorizationLink, authorizationLinkSchema, type ConnectCalendarRequest, connectCalendarRequestSchema } from './admin/calendar-connection.js';
export { type ChatRequest, type ChatResponse, chatRequestSchema, chatResponseSchema } from './admin/chat.js';
export { type ConversationMessage, type ConversationPage, conversationMessageSchema, conversationPageSchema } from './admin/conversation-message.js';
export {
  type Customer,
  type CustomerDeleted,
  type CustomerPage,
  type CustomerWithCalendar,
  customerDeletedSchema,
  customerPageSchema,
  customerSchema,
  customerWithCalendarSchema,
} from './admin/customer.js';
export { type CustomerBookings, customerBookingsSchema } from './admin/customer-bookings.js';
export {
  type AdminCustomerParams,
  adminCustomerParamsSchema,
  type CustomerChanges,
  type CustomerChangesInput,
  type CustomerListQuery,
  customerChangesSchema,
  customerFieldMessages,
  customerListQuerySchema,
  MAX_REMINDER_LEAD_MINUTES,
  type NewCustomer,
  type NewCustomerInput,
  newCustomerSchema,
  typedCustomerIdSchema,
} from './admin/customer-fields.js';
export { type CustomerReminder, type CustomerReminders, customerReminderSchema, customerRemindersSchema } from './admin/customer-reminders.js';
export { type HistoryPageQuery, historyPageQuerySchema } from './admin/history-page-query.js';
export { type AdminRuntimeConfig, parseAdminRuntimeConfig } from './admin-runtime-config.js';
export {
  type ApiErrorBody,
  apiErrorSchema,
  type InvalidRequestBody,
  invalidRequestBody,
  invalidRequestSchema,
  type RequestIssue,
  requestIssueSchema,
  WHOLE_BODY_FIELD,
} from './api-error.js';
export {
  type CalendarConnectedMessage,
  type CalendarErrorMessage,
  type CalendarPopupMessage,
  calendarConnectedMessageSchema,
  calendarErrorMessageSchema,
  calendarPopupMessageSchema,
} from './calendar-popup-message.js';
export { customerIdMessages, customerIdSchema } from './customer-id.js';
export {
  type AuthorizeRequest,
  type AuthorizeResponse,
  authorizeRequestSchema,
  authorizeResponseSchema,
  type ConnectionStatus,
  connectionStatusSchema,
  type Delivery,
  type DisconnectResponse,
  deliverySchema,
  disconnectResponseSchema,
  type OAuthCustomerParams,
  oauthCustomerParamsSchema,
  type StatusesRequest,
  type StatusesResponse,
  statusesRequestSchema,
  statusesResponseSchema,
} from './oauth-contract.js';
export { type BookingOut, bookingSchema } from './tools/booking.js';
export { type CalendarToolAnnotations, type CalendarToolContract, defineCalendarTool } from './tools/calendar-tool.js';
export { type CalendarToolArgs, type CalendarToolInput, type CalendarToolName, type CalendarToolOutput, calendarTools, isCalendarToolName } from './tools/calendar-tools.js';
export { cancelBookingTool } from './tools/cancel-booking.js';
export { checkAvailabilityTool } from './tools/check-availability.js';
export { createBookingTool } from './tools/create-booking.js';
export { dateTimeInput, dateTimeOutput, timeZoneOutput } from './tools/date-time.js';
export { findAvailableSlotsTool } from './tools/find-available-slots.js';
export { getCalendarInfoTool } from './tools/get-calendar-info.js';
export { type IntervalOut, intervalSchema } from './tools/interval.js';
export { listBookingsTool } from './tools/list-bookings.js';
export { timeNotesSchema } from './tools/time-notes.js';
export {
  type CalendarErrorCode,
  calendarErrorCodes,
  type ToolError,
  type ToolErrorDetails,
  type ToolErrorIssue,
  type ToolErrorPayload,
  toolErrorDetailsSchema,
  toolErrorIssueSchema,
  toolErrorSchema,
} from './tools/tool-error.js';
export { updateBookingTool } from './tools/update-booking.js';
export { SENDER_DIGITS, stripPhoneFormatting } from './whatsapp-number.js';

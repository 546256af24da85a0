import {
  activityPageSchema,
  adminCustomerParamsSchema,
  apiErrorSchema,
  conversationPageSchema,
  customerBookingsSchema,
  customerRemindersSchema,
  historyPageQuerySchema,
} from '@agendo/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ActivityLog } from '../activity/activity-log.js';
import type { ConnectionActivity } from '../activity/connection-activity.js';
import { type CalendarPort, CalendarToolError } from '../calendar/calendar-port.js';
import type { CalendarServerClient } from '../calendar/calendar-server-client.js';
import type { ConversationLog } from '../conversation-log/conversation-log.js';
import type { ReminderStore } from '../reminders/reminder-store.js';
import type { CustomerStore } from './customer-store.js';

/** How far ahead the customer page lists upcoming bookings. */
export const UPCOMING_BOOKINGS_DAYS = 90;
const DAY_MS = 24 * 60 * 60_000;

/** What the customer page's routes read. */
export interface CustomerHistoryRoutesOptions {
  readonly customers: Pick<CustomerStore, 'get'>;
  readonly calendar: Pick<CalendarPort, 'listBookings'>;
  readonly conversation: ConversationLog;
  readonly activity: ActivityLog;
  readonly reminders: Pick<ReminderStore, 'ofCustomer'>;
  /** With these, the activity route first records a connection made since the last look. */
  readonly calendarServer?: Pick<CalendarServerClient, 'status'>;
  readonly connections?: ConnectionActivity;
  readonly clock?: () => Date;
}

const errors = { 400: apiErrorSchema, 401: apiErrorSchema, 404: apiErrorSchema } as const;
const notFound = (id: string) => ({ error: 'not_found', message: `No existe el cliente «${id}».` });

/**
 * The admin's customer page (`/clientes/:id`): the customer's upcoming bookings (the calendar's
 * `list_bookings`, through the MCP tools), conversation, reminders and activity log.
 */
export const customerHistoryRoutes: FastifyPluginAsyncZod<CustomerHistoryRoutesOptions> = async (app, options) => {
  const { customers, calendar, conversation, activity, reminders } = options;
  const clock = options.clock ?? (() => new Date());

  app.get(
    '/api/admin/customers/:id/bookings',
    {
      schema: {
        summary: `The customer's upcoming bookings made by Agendo (list_bookings, the next ${UPCOMING_BOOKINGS_DAYS} days)`,
        params: adminCustomerParamsSchema,
        response: { 200: customerBookingsSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      if (!(await customers.get(id))) return reply.code(404).send(notFound(id));
      const now = clock();
      const from = now.toISOString();
      const to = new Date(now.getTime() + UPCOMING_BOOKINGS_DAYS * DAY_MS).toISOString();
      try {
        const bookings = await calendar.listBookings(id, from, to);
        return { from, to, bookings: bookings.filter((b) => b.status === 'confirmed'), calendar_error: null };
      } catch (err) {
        if (err instanceof CalendarToolError) return { from, to, bookings: [], calendar_error: err.code };
        throw err;
      }
    },
  );

  app.get(
    '/api/admin/customers/:id/conversation',
    {
      schema: {
        summary: "One page of the customer's last 100 messages both ways, newest first",
        params: adminCustomerParamsSchema,
        querystring: historyPageQuerySchema,
        response: { 200: conversationPageSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      if (!(await customers.get(id))) return reply.code(404).send(notFound(id));
      return conversation.page(id, request.query);
    },
  );

  app.get(
    '/api/admin/customers/:id/reminders',
    {
      schema: {
        summary: "The customer's WhatsApp reminders, sent and pending, latest booking first",
        params: adminCustomerParamsSchema,
        response: { 200: customerRemindersSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      if (!(await customers.get(id))) return reply.code(404).send(notFound(id));
      const rows = await reminders.ofCustomer(id);
      return {
        items: rows.map((r) => ({
          booking_id: r.booking_id,
          booking_start: r.booking_start,
          due_at: r.due_at,
          status: r.status,
          sent_at: r.sent_at,
          text: r.text,
          last_error: r.last_error,
        })),
      };
    },
  );

  app.get(
    '/api/admin/customers/:id/activity',
    {
      schema: {
        summary: "One page of the customer's activity log (connected, disconnected, booked, moved, cancelled, reminded), newest first",
        params: adminCustomerParamsSchema,
        querystring: historyPageQuerySchema,
        response: { 200: activityPageSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      if (!(await customers.get(id))) return reply.code(404).send(notFound(id));
      if (options.calendarServer && options.connections) {
        const status = await options.calendarServer.status(id).catch(() => null);
        await options.connections.observe(status).catch((err: unknown) => request.log.warn({ err }, 'Activity: the connection could not be recorded'));
      }
      return activity.page(id, request.query);
    },
  );
};

import {
  type ApiErrorBody,
  adminCustomerParamsSchema,
  apiErrorSchema,
  authorizationLinkSchema,
  type ConnectionStatus,
  connectCalendarRequestSchema,
  connectionStatusSchema,
  customerChangesSchema,
  customerDeletedSchema,
  customerListQuerySchema,
  customerPageSchema,
  customerSchema,
  customerWithCalendarSchema,
  type DisconnectResponse,
  disconnectResponseSchema,
  newCustomerSchema,
} from '@agendo/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ConnectionActivity } from '../activity/connection-activity.js';
import { type CalendarServerClient, CalendarServerError } from '../calendar/calendar-server-client.js';
import { type Customer, type CustomerStore, DuplicateCustomerError } from './customer-store.js';

/** What the customer routes need. */
export interface CustomersRoutesOptions {
  readonly customers: CustomerStore;
  readonly calendarServer: CalendarServerClient;
  /** The activity log's connections: new ones recorded when seen, disconnections when made here. */
  readonly connections?: ConnectionActivity;
}

const notFound = (id: string): ApiErrorBody => ({ error: 'not_found', message: `No existe el cliente «${id}».` });
const calendarDown = (err: CalendarServerError): ApiErrorBody => ({
  error: 'calendar_server_error',
  message: `El servidor de calendario no respondió como se esperaba (${err.status ?? 'sin conexión'}). Inténtalo de nuevo.`,
});

const SHARED_NAMESPACE = 'Los IDs y los teléfonos identifican al remitente de WhatsApp, así que no pueden coincidir entre clientes.';

/** The Spanish 409 message for a taken ID or phone, naming what it collides with. */
function duplicateMessage(err: DuplicateCustomerError, input: { customer_id: string; phone?: string | null | undefined }): string {
  const other = err.otherCustomerId ?? '';
  if (err.field === 'customer_id' && err.conflictsWith === 'phone') return `El ID «${input.customer_id}» es el teléfono de otro cliente (${other}). ${SHARED_NAMESPACE}`;
  if (err.field === 'customer_id' && err.conflictsWith === 'customer_id' && other)
    return `El ID «${input.customer_id}» es el mismo número que el ID de otro cliente (${other}). ${SHARED_NAMESPACE}`;
  if (err.field === 'phone' && err.conflictsWith === 'customer_id') return `El teléfono +${input.phone} es el ID de otro cliente (${other}). ${SHARED_NAMESPACE}`;
  return err.field === 'phone' ? `El teléfono ${input.phone} ya pertenece a otro cliente.` : `Ya existe un cliente con el ID «${input.customer_id}».`;
}

/** The 409 body of a taken ID or phone: the message, also beside the field. */
function duplicate(err: DuplicateCustomerError, input: { customer_id: string; phone?: string | null | undefined }): ApiErrorBody {
  const message = duplicateMessage(err, input);
  return { error: 'duplicate', message, fields: { [err.field]: message } };
}

/** The error answers every customer route may give (bad input, not logged in, no such customer). */
const errors = { 400: apiErrorSchema, 401: apiErrorSchema, 404: apiErrorSchema } as const;
/** …and those that ask the calendar server. */
const calendarErrors = { ...errors, 502: apiErrorSchema } as const;

/**
 * The admin API for customer_memory and their calendars: list (search, pages), get, create, update,
 * delete (disconnecting the calendar first), connect / status / disconnect the calendar. Requests and
 * answers are the contract's schemas (`@agendo/contracts`).
 */
export const customersRoutes: FastifyPluginAsyncZod<CustomersRoutesOptions> = async (app, { customers, calendarServer, connections }) => {
  /** Records a connection made since the last look (never fails the request). */
  const observe = async (statuses: readonly (ConnectionStatus | null | undefined)[]): Promise<void> => {
    if (!connections) return;
    for (const status of statuses) await connections.observe(status).catch((err: unknown) => app.log.warn({ err }, 'Activity: the connection could not be recorded'));
  };
  /** The calendar status, or null when the calendar server cannot tell right now. */
  const calendarOf = async (customerId: string): Promise<ConnectionStatus | null> => {
    const status = await calendarServer.status(customerId).catch(() => null);
    await observe([status]);
    return status;
  };
  const withCalendar = async (c: Customer) => ({ ...c, calendar: await calendarOf(c.customer_id) });

  app.get(
    '/api/admin/customers',
    {
      schema: {
        summary: 'List customers (search, pages), newest first',
        querystring: customerListQuerySchema,
        response: { 200: customerPageSchema, 400: apiErrorSchema, 401: apiErrorSchema },
      },
    },
    async (request) => {
      const page = await customers.list(request.query);
      // One call for the whole page's calendar statuses; null when the calendar server can't tell now.
      const statuses = await calendarServer.statuses(page.items.map((c) => c.customer_id)).catch(() => undefined);
      await observe(statuses ?? []);
      return { ...page, items: page.items.map((c, i) => ({ ...c, calendar: statuses?.[i] ?? null })) };
    },
  );

  app.get(
    '/api/admin/customers/:id',
    { schema: { summary: 'One customer with their calendar connection', params: adminCustomerParamsSchema, response: { 200: customerWithCalendarSchema, ...errors } } },
    async (request, reply) => {
      const customer = await customers.get(request.params.id);
      return customer ? withCalendar(customer) : reply.code(404).send(notFound(request.params.id));
    },
  );

  app.post(
    '/api/admin/customers',
    { schema: { summary: 'Add a customer ("Agregar Cliente")', body: newCustomerSchema, response: { 201: customerSchema, ...errors, 409: apiErrorSchema } } },
    async (request, reply) => {
      try {
        return reply.code(201).send(await customers.create(request.body));
      } catch (err) {
        if (err instanceof DuplicateCustomerError) return reply.code(409).send(duplicate(err, request.body));
        throw err;
      }
    },
  );

  app.patch(
    '/api/admin/customers/:id',
    {
      schema: {
        summary: 'Edit a customer (the ID is not editable)',
        params: adminCustomerParamsSchema,
        body: customerChangesSchema,
        response: { 200: customerSchema, ...errors, 409: apiErrorSchema },
      },
    },
    async (request, reply) => {
      try {
        const updated = await customers.update(request.params.id, request.body);
        return updated ?? reply.code(404).send(notFound(request.params.id));
      } catch (err) {
        if (err instanceof DuplicateCustomerError) return reply.code(409).send(duplicate(err, { customer_id: request.params.id, phone: request.body.phone }));
        throw err;
      }
    },
  );

  app.delete(
    '/api/admin/customers/:id',
    {
      schema: { summary: 'Delete a customer, disconnecting their calendar first', params: adminCustomerParamsSchema, response: { 200: customerDeletedSchema, ...calendarErrors } },
    },
    async (request, reply) => {
      const { id } = request.params;
      if (!(await customers.get(id))) return reply.code(404).send(notFound(id));
      let disconnected: DisconnectResponse;
      try {
        // Before the customer goes: the calendar server forgets them and revokes every outstanding link.
        disconnected = await calendarServer.forgetCustomer(id);
      } catch (err) {
        if (err instanceof CalendarServerError) return reply.code(502).send(calendarDown(err));
        throw err;
      }
      await customers.remove(id);
      request.log.info({ customer_id: id, calendar_disconnected: disconnected.disconnected }, 'customer deleted');
      return { deleted: true as const, calendar_disconnected: disconnected.disconnected };
    },
  );

  app.post(
    '/api/admin/customers/:id/calendar/connect',
    {
      schema: {
        summary: "A Google authorization link for the customer's calendar (popup or link to send)",
        params: adminCustomerParamsSchema,
        body: connectCalendarRequestSchema,
        response: { 200: authorizationLinkSchema, ...calendarErrors },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      let customer = await customers.get(id);
      if (!customer) return reply.code(404).send(notFound(id));
      if (request.body.email && request.body.email.toLowerCase() !== customer.email) {
        customer = (await customers.update(id, { email: request.body.email.toLowerCase() })) ?? customer;
      }
      try {
        const { authorization_url, expires_at } = await calendarServer.authorize({
          customer_id: id,
          email: customer.email,
          name: customer.name ?? undefined,
          delivery: request.body.delivery,
        });
        connections?.connectRequested(id, request.body.delivery);
        return { authorization_url, expires_at };
      } catch (err) {
        if (err instanceof CalendarServerError) return reply.code(502).send(calendarDown(err));
        throw err;
      }
    },
  );

  app.get(
    '/api/admin/customers/:id/calendar',
    {
      schema: {
        summary: "The customer's calendar connection, as the calendar server tells",
        params: adminCustomerParamsSchema,
        response: { 200: connectionStatusSchema, ...calendarErrors },
      },
    },
    async (request, reply) => {
      if (!(await customers.get(request.params.id))) return reply.code(404).send(notFound(request.params.id));
      try {
        const status = await calendarServer.status(request.params.id);
        await observe([status]);
        return status;
      } catch (err) {
        if (err instanceof CalendarServerError) return reply.code(502).send(calendarDown(err));
        throw err;
      }
    },
  );

  app.delete(
    '/api/admin/customers/:id/calendar',
    {
      schema: {
        summary: "Disconnect the customer's calendar (revoke at Google, delete the tokens)",
        params: adminCustomerParamsSchema,
        response: { 200: disconnectResponseSchema, ...calendarErrors },
      },
    },
    async (request, reply) => {
      if (!(await customers.get(request.params.id))) return reply.code(404).send(notFound(request.params.id));
      try {
        const disconnected = await calendarServer.disconnect(request.params.id);
        if (disconnected.disconnected)
          await connections?.disconnected(request.params.id).catch((err: unknown) => request.log.warn({ err }, 'Activity: the disconnection could not be recorded'));
        return disconnected;
      } catch (err) {
        if (err instanceof CalendarServerError) return reply.code(502).send(calendarDown(err));
        throw err;
      }
    },
  );
};

import type { ConnectionStatus } from '@agendo/contracts';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { z } from 'zod';
import { type CalendarServerClient, CalendarServerError } from '../calendar/calendar-server-client.js';
import { type CustomerChanges, type NewCustomer, customerChangesSchema, customerListQuerySchema, customerParamsSchema, newCustomerSchema } from './customer-fields.js';
import { type Customer, type CustomerStore, DuplicateCustomerError } from './customer-store.js';

/** What the customer routes need. */
export interface CustomersRoutesOptions {
  readonly customers: CustomerStore;
  readonly calendarServer: CalendarServerClient;
}

type Params = { id: string };
const connectSchema = z.object({
  email: z.email('Escribe un email válido, por ejemplo cliente@ejemplo.com.').optional(),
  delivery: z.enum(['popup', 'link'], { error: 'delivery debe ser «popup» o «link».' }).default('popup'),
});

const notFound = (reply: FastifyReply, id: string) => reply.code(404).send({ error: 'not_found', message: `No existe el cliente «${id}».` });
const calendarDown = (reply: FastifyReply, err: CalendarServerError) =>
  reply.code(502).send({ error: 'calendar_server_error', message: `El servidor de calendario no respondió como se esperaba (${err.status ?? 'sin conexión'}). Inténtalo de nuevo.` });

const SHARED_NAMESPACE = 'Los IDs y los teléfonos identifican al remitente de WhatsApp, así que no pueden coincidir entre clientes.';

/** The Spanish 409 message for a taken ID or phone, naming what it collides with. */
function duplicateMessage(err: DuplicateCustomerError, input: { customer_id: string; phone?: string | null | undefined }): string {
  const other = err.otherCustomerId ?? '';
  if (err.field === 'customer_id' && err.conflictsWith === 'phone') return `El ID «${input.customer_id}» es el teléfono de otro cliente (${other}). ${SHARED_NAMESPACE}`;
  if (err.field === 'customer_id' && err.conflictsWith === 'customer_id' && other) return `El ID «${input.customer_id}» es el mismo número que el ID de otro cliente (${other}). ${SHARED_NAMESPACE}`;
  if (err.field === 'phone' && err.conflictsWith === 'customer_id') return `El teléfono +${input.phone} es el ID de otro cliente (${other}). ${SHARED_NAMESPACE}`;
  return err.field === 'phone' ? `El teléfono ${input.phone} ya pertenece a otro cliente.` : `Ya existe un cliente con el ID «${input.customer_id}».`;
}

function duplicate(reply: FastifyReply, err: DuplicateCustomerError, input: { customer_id: string; phone?: string | null | undefined }) {
  const message = duplicateMessage(err, input);
  return reply.code(409).send({ error: 'duplicate', message, fields: { [err.field]: message } });
}

/**
 * The admin API for customer_memory and their calendars: list (search, pages), get, create, update,
 * delete (disconnecting the calendar first), connect / status / disconnect the calendar.
 */
export const customersRoutes: FastifyPluginAsync<CustomersRoutesOptions> = async (app, { customers, calendarServer }) => {
  /** The calendar status, or null when the calendar server cannot tell right now. */
  const calendarOf = async (customerId: string): Promise<ConnectionStatus | null> => calendarServer.status(customerId).catch(() => null);
  const withCalendar = async (c: Customer) => ({ ...c, calendar: await calendarOf(c.customer_id) });

  app.get<{ Querystring: z.infer<typeof customerListQuerySchema> }>('/api/admin/customers', { schema: { querystring: customerListQuerySchema } }, async (request) => {
    const page = await customers.list(request.query);
    // One call for the whole page's calendar statuses; null when the calendar server can't tell now.
    const statuses = await calendarServer.statuses(page.items.map((c) => c.customer_id)).catch(() => undefined);
    return { ...page, items: page.items.map((c, i) => ({ ...c, calendar: statuses?.[i] ?? null })) };
  });

  app.get<{ Params: Params }>('/api/admin/customers/:id', { schema: { params: customerParamsSchema } }, async (request, reply) => {
    const customer = await customers.get(request.params.id);
    return customer ? withCalendar(customer) : notFound(reply, request.params.id);
  });

  app.post<{ Body: NewCustomer }>('/api/admin/customers', { schema: { body: newCustomerSchema } }, async (request, reply) => {
    try {
      return reply.code(201).send(await customers.create(request.body));
    } catch (err) {
      if (err instanceof DuplicateCustomerError) return duplicate(reply, err, request.body);
      throw err;
    }
  });

  app.patch<{ Params: Params; Body: CustomerChanges }>(
    '/api/admin/customers/:id',
    { schema: { params: customerParamsSchema, body: customerChangesSchema } },
    async (request, reply) => {
      try {
        const updated = await customers.update(request.params.id, request.body);
        return updated ?? notFound(reply, request.params.id);
      } catch (err) {
        if (err instanceof DuplicateCustomerError) return duplicate(reply, err, { customer_id: request.params.id, phone: request.body.phone });
        throw err;
      }
    },
  );

  app.delete<{ Params: Params }>('/api/admin/customers/:id', { schema: { params: customerParamsSchema } }, async (request, reply) => {
    const { id } = request.params;
    if (!(await customers.get(id))) return notFound(reply, id);
    let disconnected;
    try {
      // Before the customer goes: the calendar server forgets them and revokes every outstanding link.
      disconnected = await calendarServer.forgetCustomer(id);
    } catch (err) {
      if (err instanceof CalendarServerError) return calendarDown(reply, err);
      throw err;
    }
    await customers.remove(id);
    request.log.info({ customer_id: id, calendar_disconnected: disconnected.disconnected }, 'customer deleted');
    return { deleted: true, calendar_disconnected: disconnected.disconnected };
  });

  app.post<{ Params: Params; Body: z.infer<typeof connectSchema> }>(
    '/api/admin/customers/:id/calendar/connect',
    { schema: { params: customerParamsSchema, body: connectSchema } },
    async (request, reply) => {
      const { id } = request.params;
      let customer = await customers.get(id);
      if (!customer) return notFound(reply, id);
      if (request.body.email && request.body.email.toLowerCase() !== customer.email) {
        customer = (await customers.update(id, { email: request.body.email.toLowerCase() })) ?? customer;
      }
      try {
        const { authorization_url, expires_at } = await calendarServer.authorize({ customer_id: id, email: customer.email, name: customer.name ?? undefined, delivery: request.body.delivery });
        return { authorization_url, expires_at };
      } catch (err) {
        if (err instanceof CalendarServerError) return calendarDown(reply, err);
        throw err;
      }
    },
  );

  app.get<{ Params: Params }>('/api/admin/customers/:id/calendar', { schema: { params: customerParamsSchema } }, async (request, reply) => {
    if (!(await customers.get(request.params.id))) return notFound(reply, request.params.id);
    try {
      return await calendarServer.status(request.params.id);
    } catch (err) {
      if (err instanceof CalendarServerError) return calendarDown(reply, err);
      throw err;
    }
  });

  app.delete<{ Params: Params }>('/api/admin/customers/:id/calendar', { schema: { params: customerParamsSchema } }, async (request, reply) => {
    if (!(await customers.get(request.params.id))) return notFound(reply, request.params.id);
    try {
      return await calendarServer.disconnect(request.params.id);
    } catch (err) {
      if (err instanceof CalendarServerError) return calendarDown(reply, err);
      throw err;
    }
  });
};

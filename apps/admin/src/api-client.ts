import {
  type ActivityPage,
  type AuthorizationLink,
  activityPageSchema,
  adminSessionSchema,
  apiErrorSchema,
  authorizationLinkSchema,
  type ConnectionStatus,
  type ConversationPage,
  type Customer,
  type CustomerBookings,
  type CustomerChangesInput,
  type CustomerDeleted,
  type CustomerPage,
  type CustomerReminders,
  type CustomerWithCalendar,
  chatResponseSchema,
  connectionStatusSchema,
  conversationPageSchema,
  customerBookingsSchema,
  customerDeletedSchema,
  customerPageSchema,
  customerRemindersSchema,
  customerSchema,
  customerWithCalendarSchema,
  type Delivery,
  type DisconnectResponse,
  disconnectResponseSchema,
  type NewCustomerInput,
} from '@agendo/contracts';
import type { ZodType } from 'zod';

/** A failed admin API call: HTTP status (0 without a response), the API's Spanish message and per-field messages. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: string | undefined;
  readonly fields: Readonly<Record<string, string>>;

  constructor(status: number, message: string, code?: string, fields: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.fields = fields;
  }
}

/** Everything the admin pages ask the assistant service; answers are checked against the contract. */
export interface AdminApi {
  session(): Promise<boolean>;
  login(password: string): Promise<void>;
  logout(): Promise<void>;
  listCustomers(query: { q: string; page: number; pageSize: number }, signal?: AbortSignal): Promise<CustomerPage>;
  getCustomer(id: string): Promise<CustomerWithCalendar>;
  createCustomer(input: NewCustomerInput): Promise<Customer>;
  updateCustomer(id: string, changes: CustomerChangesInput): Promise<Customer>;
  deleteCustomer(id: string): Promise<CustomerDeleted>;
  connectCalendar(id: string, delivery: Delivery): Promise<AuthorizationLink>;
  calendarStatus(id: string): Promise<ConnectionStatus>;
  disconnectCalendar(id: string): Promise<DisconnectResponse>;
  chat(customerId: string, text: string): Promise<string[]>;
  /** The customer page: upcoming bookings made by Agendo (from the calendar). */
  customerBookings(id: string): Promise<CustomerBookings>;
  /** The customer page: one page of the last 100 messages, newest first. */
  customerConversation(id: string, page: number, pageSize: number): Promise<ConversationPage>;
  /** The customer page: their WhatsApp reminders, sent and pending. */
  customerReminders(id: string): Promise<CustomerReminders>;
  /** The customer page: one page of the activity log, newest first. */
  customerActivity(id: string, page: number, pageSize: number): Promise<ActivityPage>;
}

/** Options of {@link createAdminApi}. */
export interface AdminApiOptions {
  /** Called when a call other than login answers 401 (the session is gone). */
  readonly onUnauthorized?: () => void;
}

function errorFrom(status: number, body: unknown): ApiError {
  const parsed = apiErrorSchema.safeParse(body);
  if (parsed.success) return new ApiError(status, parsed.data.message, parsed.data.error, parsed.data.fields);
  if (status === 401) return new ApiError(status, 'Inicia sesión en el panel para continuar.', 'unauthorized');
  return new ApiError(status, `El servicio respondió con un error inesperado (HTTP ${status}). Inténtalo de nuevo.`);
}

/** A 2xx whose body is not what the contract says (an older or newer assistant, a proxy's page). */
const unexpectedAnswer = () => new ApiError(502, 'El servicio respondió algo inesperado. Recarga la página e inténtalo de nuevo.', 'unexpected_response');

const customerPath = (id: string) => `/api/admin/customers/${encodeURIComponent(id)}`;

/** The admin API over `fetch`, same-origin (the dev server proxies `/api` to the assistant service). */
export function createAdminApi(options: AdminApiOptions = {}): AdminApi {
  async function call<T>(method: string, path: string, answer: ZodType<T>, body?: unknown, init: { signal?: AbortSignal | undefined; isLogin?: boolean } = {}): Promise<T> {
    let response: Response;
    try {
      response = await fetch(path, {
        method,
        credentials: 'same-origin',
        headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
        body: body === undefined ? null : JSON.stringify(body),
        signal: init.signal ?? null,
      });
    } catch (err) {
      if (err instanceof DOMException && err.name === 'AbortError') throw err;
      throw new ApiError(0, 'No se pudo conectar con el servicio del asistente. Revisa tu conexión e inténtalo de nuevo.', 'network_error');
    }
    let payload: unknown;
    const text = await response.text();
    if (text !== '') {
      try {
        payload = JSON.parse(text);
      } catch {
        payload = undefined;
      }
    }
    if (!response.ok) {
      const error = errorFrom(response.status, payload);
      if (response.status === 401 && !init.isLogin) options.onUnauthorized?.();
      throw error;
    }
    const parsed = answer.safeParse(payload);
    if (!parsed.success) throw unexpectedAnswer();
    return parsed.data;
  }

  return {
    async session() {
      return (await call('GET', '/api/admin/session', adminSessionSchema)).authenticated;
    },
    async login(password) {
      await call('POST', '/api/admin/login', adminSessionSchema, { password }, { isLogin: true });
    },
    async logout() {
      await call('POST', '/api/admin/logout', adminSessionSchema, {}, { isLogin: true });
    },
    listCustomers({ q, page, pageSize }, signal) {
      const params = new URLSearchParams({ page: String(page), page_size: String(pageSize) });
      if (q.trim() !== '') params.set('q', q.trim());
      return call('GET', `/api/admin/customers?${params}`, customerPageSchema, undefined, { signal });
    },
    getCustomer: (id) => call('GET', customerPath(id), customerWithCalendarSchema),
    createCustomer: (input) => call('POST', '/api/admin/customers', customerSchema, input),
    updateCustomer: (id, changes) => call('PATCH', customerPath(id), customerSchema, changes),
    deleteCustomer: (id) => call('DELETE', customerPath(id), customerDeletedSchema),
    connectCalendar: (id, delivery) => call('POST', `${customerPath(id)}/calendar/connect`, authorizationLinkSchema, { delivery }),
    calendarStatus: (id) => call('GET', `${customerPath(id)}/calendar`, connectionStatusSchema),
    disconnectCalendar: (id) => call('DELETE', `${customerPath(id)}/calendar`, disconnectResponseSchema),
    async chat(customerId, text) {
      return (await call('POST', '/api/admin/chat', chatResponseSchema, { customer_id: customerId, text })).replies;
    },
    customerBookings: (id) => call('GET', `${customerPath(id)}/bookings`, customerBookingsSchema),
    customerConversation: (id, page, pageSize) => call('GET', `${customerPath(id)}/conversation?page=${page}&page_size=${pageSize}`, conversationPageSchema),
    customerReminders: (id) => call('GET', `${customerPath(id)}/reminders`, customerRemindersSchema),
    customerActivity: (id, page, pageSize) => call('GET', `${customerPath(id)}/activity?page=${page}&page_size=${pageSize}`, activityPageSchema),
  };
}

import type { AuthorizationLink, CalendarStatus, Customer, CustomerChanges, CustomerPage, Delivery, NewCustomer } from './api-types';

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

/** Everything the admin pages ask the assistant service. */
export interface AdminApi {
  session(): Promise<boolean>;
  login(password: string): Promise<void>;
  logout(): Promise<void>;
  listCustomers(query: { q: string; page: number; pageSize: number }, signal?: AbortSignal): Promise<CustomerPage>;
  getCustomer(id: string): Promise<Customer>;
  createCustomer(input: NewCustomer): Promise<Customer>;
  updateCustomer(id: string, changes: CustomerChanges): Promise<Customer>;
  deleteCustomer(id: string): Promise<{ deleted: boolean; calendar_disconnected: boolean }>;
  connectCalendar(id: string, delivery: Delivery): Promise<AuthorizationLink>;
  calendarStatus(id: string): Promise<CalendarStatus>;
  disconnectCalendar(id: string): Promise<{ customer_id: string; disconnected: boolean; revoked: boolean }>;
  chat(customerId: string, text: string): Promise<string[]>;
}

/** Options of {@link createAdminApi}. */
export interface AdminApiOptions {
  /** Called when a call other than login answers 401 (the session is gone). */
  readonly onUnauthorized?: () => void;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function stringFields(value: unknown): Record<string, string> {
  const fields: Record<string, string> = {};
  if (isRecord(value)) for (const [key, message] of Object.entries(value)) if (typeof message === 'string') fields[key] = message;
  return fields;
}

function errorFrom(status: number, body: unknown): ApiError {
  if (isRecord(body) && typeof body.message === 'string') {
    return new ApiError(status, body.message, typeof body.error === 'string' ? body.error : undefined, stringFields(body.fields));
  }
  if (status === 401) return new ApiError(status, 'Inicia sesión en el panel para continuar.', 'unauthorized');
  return new ApiError(status, `El servicio respondió con un error inesperado (HTTP ${status}). Inténtalo de nuevo.`);
}

const customerPath = (id: string) => `/api/admin/customers/${encodeURIComponent(id)}`;

/** The admin API over `fetch`, same-origin (the dev server proxies `/api` to the assistant service). */
export function createAdminApi(options: AdminApiOptions = {}): AdminApi {
  async function call<T>(method: string, path: string, body?: unknown, init: { signal?: AbortSignal | undefined; isLogin?: boolean } = {}): Promise<T> {
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
    let payload: unknown = undefined;
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
    return payload as T;
  }

  return {
    async session() {
      const body = await call<{ authenticated?: unknown }>('GET', '/api/admin/session');
      return body.authenticated === true;
    },
    async login(password) {
      await call('POST', '/api/admin/login', { password }, { isLogin: true });
    },
    async logout() {
      await call('POST', '/api/admin/logout', {}, { isLogin: true });
    },
    listCustomers({ q, page, pageSize }, signal) {
      const params = new URLSearchParams({ page: String(page), page_size: String(pageSize) });
      if (q.trim() !== '') params.set('q', q.trim());
      return call('GET', `/api/admin/customers?${params}`, undefined, { signal });
    },
    getCustomer: (id) => call('GET', customerPath(id)),
    createCustomer: (input) => call('POST', '/api/admin/customers', input),
    updateCustomer: (id, changes) => call('PATCH', customerPath(id), changes),
    deleteCustomer: (id) => call('DELETE', customerPath(id)),
    connectCalendar: (id, delivery) => call('POST', `${customerPath(id)}/calendar/connect`, { delivery }),
    calendarStatus: (id) => call('GET', `${customerPath(id)}/calendar`),
    disconnectCalendar: (id) => call('DELETE', `${customerPath(id)}/calendar`),
    async chat(customerId, text) {
      const body = await call<{ replies?: unknown }>('POST', '/api/admin/chat', { customer_id: customerId, text });
      return Array.isArray(body.replies) ? body.replies.filter((r): r is string => typeof r === 'string') : [];
    },
  };
}

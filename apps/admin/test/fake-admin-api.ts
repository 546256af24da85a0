import {
  type ActivityEntry,
  type BookingOut,
  type ConnectionStatus,
  type ConversationMessage,
  type Customer,
  type CustomerReminder,
  customerChangesSchema,
  customerListQuerySchema,
  type InvalidRequestBody,
  invalidRequestBody,
  newCustomerSchema,
} from '@agendo/contracts';

/**
 * A small in-memory fake of the assistant's admin API, behind a `fetch` stub: the tests talk to the
 * app only through the network boundary.
 */
/** A calendar connection as the fake calendar server tells it: the contract's shape. */
export type FakeCalendar = ConnectionStatus;

/** A stored customer: the contract's shape. */
export type FakeCustomer = Customer;

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly body: unknown;
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const SCOPES = ['openid', 'email', 'https://www.googleapis.com/auth/calendar.events.owned'];

export class FakeAdminApi {
  password = 'secreto';
  loggedIn = true;
  /** When set, login answers 429 with this message. */
  tooManyAttempts: string | null = null;
  /** The calendar server cannot be reached: `calendar` is null in listings. */
  calendarDown = new Set<string>();
  readonly customers: FakeCustomer[] = [];
  readonly calendars = new Map<string, FakeCalendar>();
  readonly requests: RecordedRequest[] = [];
  /** Replies of the chat, by message text. */
  chatReply: (customerId: string, text: string) => string[] = (_id, text) => [`Recibí: ${text}`];
  /** Chat answers held back until their gate opens, by text: lets a test make one answer slow. */
  readonly chatGates = new Map<string, Promise<void>>();
  private clock = Date.parse('2026-01-01T10:00:00Z');
  /** The customer page: upcoming bookings by customer (as list_bookings answers). */
  readonly bookings = new Map<string, BookingOut[]>();
  /** …or the calendar's error code for them. */
  readonly bookingsError = new Map<string, string>();
  /** The customer page: every message by customer, oldest first (the API answers the last 100, newest first). */
  readonly conversations = new Map<string, ConversationMessage[]>();
  readonly reminders = new Map<string, CustomerReminder[]>();
  /** The activity log by customer, oldest first. */
  readonly activity = new Map<string, ActivityEntry[]>();

  /** Appends messages to a customer's conversation, one minute apart from `start`. */
  addMessages(id: string, messages: { direction: 'in' | 'out'; text: string; channel?: 'whatsapp' | 'chat' }[], start = '2026-03-02T15:00:00Z'): void {
    const list = this.conversations.get(id) ?? [];
    for (const m of messages) {
      const at = new Date(Date.parse(start) + list.length * 60_000).toISOString();
      list.push({ id: list.length + 1, direction: m.direction, channel: m.channel ?? 'chat', text: m.text, at });
    }
    this.conversations.set(id, list);
  }

  /** Appends an entry to a customer's activity log. */
  addActivity(id: string, entry: Omit<ActivityEntry, 'id' | 'booking_id' | 'booking_start'> & Partial<Pick<ActivityEntry, 'booking_id' | 'booking_start'>>): void {
    const list = this.activity.get(id) ?? [];
    list.push({ id: list.length + 1, booking_id: null, booking_start: null, ...entry });
    this.activity.set(id, list);
  }

  /** One page, newest first, of `items` (oldest first), at most `cap` of the newest. */
  private static newestPage<T>(items: readonly T[], query: URLSearchParams, cap = Number.POSITIVE_INFINITY) {
    const page = Number(query.get('page') ?? 1);
    const pageSize = Number(query.get('page_size') ?? 20);
    const newest = [...items].reverse().slice(0, cap);
    return { items: newest.slice((page - 1) * pageSize, page * pageSize), total: newest.length, page, page_size: pageSize };
  }

  /** Adds a customer (newest first in listings, like the real store). */
  add(id: string, extra: Partial<FakeCustomer> = {}, calendar: Partial<FakeCalendar> = {}): FakeCustomer {
    this.clock += 1000;
    const at = new Date(this.clock).toISOString();
    const customer: FakeCustomer = {
      customer_id: id,
      email: `${id}@ejemplo.com`,
      name: null,
      phone: null,
      time_zone: null,
      preferred_duration_minutes: null,
      reminder_lead_minutes: null,
      created_at: at,
      updated_at: at,
      ...extra,
    };
    this.customers.unshift(customer);
    this.calendars.set(id, { customer_id: id, status: 'not_connected', email: null, scopes: [], connected_at: null, also_connected_for: [], ...calendar });
    return customer;
  }

  /** The customer authorized (what the calendar server stores when the callback succeeds). */
  connect(id: string, email: string): void {
    this.calendars.set(id, {
      customer_id: id,
      status: 'connected',
      email,
      scopes: SCOPES,
      connected_at: new Date().toISOString(),
      also_connected_for: this.connectedTo(email, id),
    });
    for (const other of this.connectedTo(email, id)) {
      const calendar = this.calendars.get(other);
      if (calendar) calendar.also_connected_for = this.connectedTo(email, other);
    }
  }

  /** The customers other than `except` whose calendar is connected with `email`. */
  private connectedTo(email: string, except: string): string[] {
    return [...this.calendars.values()].filter((c) => c.customer_id !== except && c.status !== 'not_connected' && c.email === email).map((c) => c.customer_id);
  }

  /** The authorization URL the fake calendar server hands out (its callback lives on :60000). */
  authorizationUrl(id: string, delivery: string): string {
    const params = new URLSearchParams({ redirect_uri: 'http://localhost:60000/oauth/callback', state: `${id}-${delivery}`, login_hint: `${id}@ejemplo.com` });
    return `https://accounts.google.test/o/oauth2/v2/auth?${params}`;
  }

  /** Holds the chat's answer to `text` until the returned function is called. */
  holdChat(text: string): () => void {
    let release = () => {};
    this.chatGates.set(text, new Promise<void>((resolve) => (release = resolve)));
    return () => release();
  }

  requestsTo(method: string, path: string): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && r.path === path);
  }

  private calendarOf(id: string): FakeCalendar | null {
    if (this.calendarDown.has(id)) return null;
    return this.calendars.get(id) ?? { customer_id: id, status: 'not_connected', email: null, scopes: [], connected_at: null, also_connected_for: [] };
  }

  /** The contract's check of a create or edit body: the 400 the assistant would answer, or null. */
  private invalid(body: unknown, creating: boolean): InvalidRequestBody | null {
    const parsed = (creating ? newCustomerSchema : customerChangesSchema).safeParse(body);
    return parsed.success ? null : invalidRequestBody(parsed.error.issues);
  }

  /** The `fetch` stub. */
  readonly fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, 'http://localhost:5173');
    const method = (init.method ?? 'GET').toUpperCase();
    const body: unknown = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    this.requests.push({ method, path: url.pathname, query: url.searchParams, body });
    const b = (body ?? {}) as Record<string, unknown>;
    const path = url.pathname;

    if (path === '/api/admin/session') return json(200, { authenticated: this.loggedIn });
    if (path === '/api/admin/login' && method === 'POST') {
      if (this.tooManyAttempts) return json(429, { error: 'too_many_attempts', message: this.tooManyAttempts });
      if (b.password !== this.password) return json(401, { error: 'invalid_password', message: 'Contraseña incorrecta.', fields: { password: 'Contraseña incorrecta.' } });
      this.loggedIn = true;
      return json(200, { authenticated: true });
    }
    if (path === '/api/admin/logout') {
      this.loggedIn = false;
      return json(200, { authenticated: false });
    }
    if (!this.loggedIn) return json(401, { error: 'unauthorized', message: 'Inicia sesión en el panel para continuar.' });

    if (path === '/api/admin/customers' && method === 'GET') {
      const q = (url.searchParams.get('q') ?? '').toLowerCase();
      const page = Number(url.searchParams.get('page') ?? 1);
      const pageSize = Number(url.searchParams.get('page_size') ?? 20);
      const query = customerListQuerySchema.safeParse(Object.fromEntries(url.searchParams));
      if (!query.success) return json(400, invalidRequestBody(query.error.issues));
      const matching = this.customers.filter((c) => !q || [c.customer_id, c.name, c.email, c.phone].some((v) => v?.toLowerCase().includes(q)));
      const items = matching.slice((page - 1) * pageSize, page * pageSize).map((c) => ({ ...c, calendar: this.calendarOf(c.customer_id) }));
      return json(200, { items, total: matching.length, page, page_size: pageSize });
    }
    if (path === '/api/admin/customers' && method === 'POST') {
      const invalid = this.invalid(body, true);
      if (invalid) return json(400, invalid);
      const id = String(b.customer_id).trim();
      if (this.customers.some((c) => c.customer_id === id)) {
        const message = `Ya existe un cliente con el ID «${id}».`;
        return json(409, { error: 'duplicate', message, fields: { customer_id: message } });
      }
      const created = this.add(id, {
        email: String(b.email).trim().toLowerCase(),
        name: typeof b.name === 'string' ? b.name : null,
        phone: typeof b.phone === 'string' ? b.phone.replace(/\D/g, '') : null,
        ...(typeof b.reminder_lead_minutes === 'number' || b.reminder_lead_minutes === null ? { reminder_lead_minutes: b.reminder_lead_minutes } : {}),
      });
      return json(201, created);
    }

    const history = /^\/api\/admin\/customers\/([^/]+)\/(bookings|conversation|reminders|activity)$/.exec(path);
    if (history && method === 'GET') {
      const id = decodeURIComponent(history[1] ?? '');
      if (!this.customers.some((c) => c.customer_id === id)) return json(404, { error: 'not_found', message: `No existe el cliente «${id}».` });
      const part = history[2];
      if (part === 'bookings') {
        const error = this.bookingsError.get(id) ?? null;
        return json(200, { from: '2026-03-01T00:00:00.000Z', to: '2026-05-30T00:00:00.000Z', bookings: error ? [] : (this.bookings.get(id) ?? []), calendar_error: error });
      }
      if (part === 'conversation') return json(200, FakeAdminApi.newestPage(this.conversations.get(id) ?? [], url.searchParams, 100));
      if (part === 'reminders') return json(200, { items: this.reminders.get(id) ?? [] });
      return json(200, FakeAdminApi.newestPage(this.activity.get(id) ?? [], url.searchParams));
    }

    const match = /^\/api\/admin\/customers\/([^/]+)(\/calendar(\/connect)?)?$/.exec(path);
    if (match) {
      const id = decodeURIComponent(match[1] ?? '');
      const customer = this.customers.find((c) => c.customer_id === id);
      if (!customer) return json(404, { error: 'not_found', message: `No existe el cliente «${id}».` });
      if (match[3] && method === 'POST') {
        const delivery = b.delivery === 'link' ? 'link' : 'popup';
        const ttl = delivery === 'link' ? 7 * 24 * 3600_000 : 10 * 60_000;
        return json(200, { authorization_url: this.authorizationUrl(id, delivery), expires_at: new Date(Date.now() + ttl).toISOString() });
      }
      if (match[2] && method === 'GET') return json(200, this.calendarOf(id));
      if (match[2] && method === 'DELETE') {
        const was = this.calendars.get(id)?.status === 'connected';
        this.calendars.set(id, { customer_id: id, status: 'not_connected', email: null, scopes: [], connected_at: null, also_connected_for: [] });
        return json(200, { customer_id: id, disconnected: was, revoked: was });
      }
      if (method === 'GET') return json(200, { ...customer, calendar: this.calendarOf(id) });
      if (method === 'PATCH') {
        const invalid = this.invalid(body, false);
        if (invalid) return json(400, invalid);
        Object.assign(customer, {
          ...(typeof b.email === 'string' ? { email: b.email.trim().toLowerCase() } : {}),
          ...(typeof b.name === 'string' ? { name: b.name.trim() || null } : {}),
          ...(typeof b.phone === 'string' ? { phone: b.phone.replace(/\D/g, '') || null } : {}),
          ...(typeof b.reminder_lead_minutes === 'number' || b.reminder_lead_minutes === null ? { reminder_lead_minutes: b.reminder_lead_minutes } : {}),
        });
        return json(200, customer);
      }
      if (method === 'DELETE') {
        this.customers.splice(this.customers.indexOf(customer), 1);
        this.calendars.delete(id);
        return json(200, { deleted: true, calendar_disconnected: true });
      }
    }

    if (path === '/api/admin/chat' && method === 'POST') {
      const id = String(b.customer_id);
      if (!this.customers.some((c) => c.customer_id === id)) return json(404, { error: 'not_found', message: `No existe el cliente «${id}».` });
      const text = String(b.text);
      await this.chatGates.get(text);
      return json(200, { replies: this.chatReply(id, text) });
    }
    return json(404, { error: 'not_found', message: `Ruta desconocida ${method} ${path}` });
  };
}

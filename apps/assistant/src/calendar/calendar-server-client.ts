import {
  type AuthorizeResponse,
  authorizeResponseSchema,
  type ConnectionStatus,
  connectionStatusSchema,
  type DisconnectResponse,
  disconnectResponseSchema,
  statusesResponseSchema,
} from '@agendo/contracts';
import type { ZodType } from 'zod';

/** The calendar server failed or could not be reached; `status` is its HTTP status when it answered. */
export class CalendarServerError extends Error {
  override readonly name = 'CalendarServerError';
  readonly status: number | undefined;

  constructor(message: string, status?: number) {
    super(message);
    this.status = status;
  }
}

/** The MCP Calendar Server's OAuth REST API (`/oauth/*`), with the shared contract's schemas. */
export class CalendarServerClient {
  readonly #url: string;
  readonly #apiKey: string;

  constructor(options: { url: string; apiKey: string }) {
    this.#url = options.url;
    this.#apiKey = options.apiKey;
  }

  authorize(body: { customer_id: string; email: string; name?: string | undefined; delivery: 'popup' | 'link' }): Promise<AuthorizeResponse> {
    return this.#request('POST', '/oauth/authorize', authorizeResponseSchema, body);
  }

  status(customerId: string): Promise<ConnectionStatus> {
    return this.#request('GET', `/oauth/status/${encodeURIComponent(customerId)}`, connectionStatusSchema);
  }

  /** The statuses of up to 100 customers in one call, in the order asked. */
  async statuses(customerIds: string[]): Promise<ConnectionStatus[]> {
    if (customerIds.length === 0) return [];
    return (await this.#request('POST', '/oauth/statuses', statusesResponseSchema, { customer_ids: customerIds })).statuses;
  }

  disconnect(customerId: string): Promise<DisconnectResponse> {
    return this.#request('DELETE', `/oauth/connections/${encodeURIComponent(customerId)}`, disconnectResponseSchema);
  }

  /**
   * The customer was deleted: the calendar server disconnects the calendar, invalidates every
   * outstanding authorization link and forgets the customer, so a link opened later (or a new
   * customer given the same ID) connects nothing.
   */
  forgetCustomer(customerId: string): Promise<DisconnectResponse> {
    return this.#request('DELETE', `/oauth/customers/${encodeURIComponent(customerId)}`, disconnectResponseSchema);
  }

  async #request<T>(method: string, pathname: string, schema: ZodType<T>, body?: unknown): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${this.#url}${pathname}`, {
        method,
        headers: { authorization: `Bearer ${this.#apiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(15_000),
      });
    } catch (err) {
      throw new CalendarServerError(`MCP Calendar Server unreachable at ${this.#url}: ${(err as Error).message}`);
    }
    const payload = (await res.json().catch(() => undefined)) as unknown;
    if (!res.ok) {
      const message = (payload as { message?: string } | undefined)?.message ?? res.statusText;
      throw new CalendarServerError(`MCP Calendar Server answered ${res.status} to ${method} ${pathname}: ${message}`, res.status);
    }
    return schema.parse(payload);
  }
}

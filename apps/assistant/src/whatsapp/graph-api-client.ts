import type { FastifyBaseLogger } from 'fastify';
import type { WhatsAppConfig } from './whatsapp-config.js';

/** Options of {@link GraphApiClient}. */
export interface GraphApiClientOptions {
  config: Pick<WhatsAppConfig, 'accessToken' | 'phoneNumberId' | 'apiBaseUrl' | 'apiVersion'>;
  /** Where retries and failed sends are logged (never the token nor the message text). */
  log?: FastifyBaseLogger;
  /** Attempts per message, the first included (default 3). */
  maxAttempts?: number;
  /** Delay before the first retry, doubled for each next one, plus up to 50 % jitter (default 300 ms). */
  retryDelayMs?: number;
  /** Longest wait honoured from a `Retry-After` header (default 5 s). */
  maxRetryDelayMs?: number;
  /** Timeout of each attempt (default 10 s). */
  timeoutMs?: number;
  /** HTTP client (default: the global `fetch`). */
  fetch?: typeof fetch;
}

/** The Graph API error object: `{error: {message, type, code, error_subcode?, fbtrace_id}}`. */
export interface GraphApiError {
  message: string;
  type?: string;
  code?: number;
  error_subcode?: number;
  fbtrace_id?: string;
}

/** Outcome of {@link GraphApiClient.sendText} and {@link GraphApiClient.sendTemplate}. */
export type SendTextResult =
  | { ok: true /** `wamid.…` of the sent message. */; messageId: string | undefined; attempts: number }
  | {
      ok: false;
      /** HTTP status of the last answer; `undefined` when no answer came (network error, timeout). */
      status: number | undefined;
      /**
       * `not_sent`: the Graph API answered with an error, or no connection could be made — the message was
       * not sent. `unknown`: the request may have reached Meta (timeout, connection lost after sending); it is
       * not retried, so that a reply never goes out twice.
       */
      delivery: 'not_sent' | 'unknown';
      error: GraphApiError;
      attempts: number;
    };

/**
 * Sends WhatsApp messages through the Cloud API: `POST {apiBaseUrl}/{apiVersion}/{phoneNumberId}/messages`
 * with `Authorization: Bearer {accessToken}`. Retries 429, 5xx and failed connections with exponential backoff
 * and jitter (honouring `Retry-After`), a bounded number of times; never a timeout or a connection lost after
 * the request left, whose message may have been sent (at most once). Never throws for HTTP or network
 * failures: they are logged and reported in the result.
 */
export class GraphApiClient {
  readonly #config: GraphApiClientOptions['config'];
  readonly #log: FastifyBaseLogger | undefined;
  readonly #maxAttempts: number;
  readonly #retryDelayMs: number;
  readonly #maxRetryDelayMs: number;
  readonly #timeoutMs: number;
  readonly #fetch: typeof fetch;

  constructor(options: GraphApiClientOptions) {
    this.#config = options.config;
    this.#log = options.log;
    this.#maxAttempts = Math.max(1, options.maxAttempts ?? 3);
    this.#retryDelayMs = options.retryDelayMs ?? 300;
    this.#maxRetryDelayMs = options.maxRetryDelayMs ?? 5_000;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#fetch = options.fetch ?? globalThis.fetch;
  }

  /** The messages endpoint of the configured phone number. */
  get messagesUrl(): string {
    const { apiBaseUrl, apiVersion, phoneNumberId } = this.#config;
    return `${apiBaseUrl.replace(/\/+$/, '')}/${apiVersion}/${encodeURIComponent(phoneNumberId)}/messages`;
  }

  /** Sends the text `body` to the WhatsApp id `to` (link previews off). */
  async sendText(to: string, body: string): Promise<SendTextResult> {
    const payload = JSON.stringify({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to,
      type: 'text',
      text: { preview_url: false, body },
    });
    return this.#send(to, payload);
  }

  /**
   * Sends the approved template `name` in `language` with these body parameters, in order: the only kind
   * of message a business may start outside the customer's 24-hour service window (reminders). Same
   * retries and at-most-once rule as {@link sendText}.
   */
  async sendTemplate(to: string, template: { name: string; language: string; bodyParameters: readonly string[] }): Promise<SendTextResult> {
    const payload = JSON.stringify({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to,
      type: 'template',
      template: {
        name: template.name,
        language: { code: template.language },
        components: [{ type: 'body', parameters: template.bodyParameters.map((text) => ({ type: 'text', text })) }],
      },
    });
    return this.#send(to, payload);
  }

  async #send(to: string, payload: string): Promise<SendTextResult> {
    let attempt = 0;
    for (;;) {
      attempt += 1;
      const outcome = await this.#post(payload);
      if (outcome.kind === 'sent') return { ok: true, messageId: outcome.messageId, attempts: attempt };

      const delivery = outcome.kind === 'network' ? outcome.delivery : 'not_sent';
      const retryable = outcome.kind === 'network' ? outcome.delivery === 'not_sent' : outcome.status === 429 || outcome.status >= 500;
      const status = outcome.kind === 'network' ? undefined : outcome.status;
      if (!retryable || attempt >= this.#maxAttempts) {
        this.#log?.error(
          { to, status, delivery, attempts: attempt, graphError: outcome.error },
          delivery === 'unknown'
            ? `WhatsApp message to ${to} may or may not have been sent (not retried): ${outcome.error.message}`
            : `WhatsApp message to ${to} not sent: ${outcome.error.message}`,
        );
        return { ok: false, status, delivery, error: outcome.error, attempts: attempt };
      }

      const delayMs = this.#retryDelay(attempt, outcome.kind === 'http' ? outcome.retryAfterMs : undefined);
      this.#log?.warn({ to, status, attempt, delayMs, graphError: outcome.error }, `WhatsApp send failed (${status ?? 'network error'}), retrying`);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }

  async #post(payload: string): Promise<PostOutcome> {
    let response: Response;
    try {
      response = await this.#fetch(this.messagesUrl, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${this.#config.accessToken}`,
          'content-type': 'application/json',
          accept: 'application/json',
        },
        body: payload,
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
    } catch (error) {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      return { kind: 'network', error: { message }, delivery: neverConnected(error) ? 'not_sent' : 'unknown' };
    }

    const json: unknown = await response.json().catch(() => undefined);
    if (response.ok) return { kind: 'sent', messageId: readMessageId(json) };
    return {
      kind: 'http',
      status: response.status,
      error: readGraphError(json) ?? { message: `HTTP ${response.status} ${response.statusText}`.trim() },
      retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
    };
  }

  #retryDelay(attempt: number, retryAfterMs: number | undefined): number {
    if (retryAfterMs !== undefined) return Math.min(retryAfterMs, this.#maxRetryDelayMs);
    const base = this.#retryDelayMs * 2 ** (attempt - 1);
    return Math.min(Math.round(base * (1 + Math.random() * 0.5)), this.#maxRetryDelayMs);
  }
}

type PostOutcome =
  | { kind: 'sent'; messageId: string | undefined }
  | { kind: 'http'; status: number; error: GraphApiError; retryAfterMs: number | undefined }
  | { kind: 'network'; error: GraphApiError; delivery: 'not_sent' | 'unknown' };

/** Errors raised before a connection existed: the request cannot have reached Meta. */
const CONNECT_ERROR_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/** Whether a `fetch` failure happened while connecting (safe to retry) rather than after sending. */
function neverConnected(error: unknown): boolean {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  return typeof cause?.code === 'string' && CONNECT_ERROR_CODES.has(cause.code);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readMessageId(json: unknown): string | undefined {
  if (!isRecord(json) || !Array.isArray(json.messages)) return undefined;
  const first: unknown = json.messages[0];
  return isRecord(first) && typeof first.id === 'string' ? first.id : undefined;
}

function readGraphError(json: unknown): GraphApiError | undefined {
  if (!isRecord(json) || !isRecord(json.error) || typeof json.error.message !== 'string') return undefined;
  const { message, type, code, error_subcode, fbtrace_id } = json.error;
  return {
    message,
    ...(typeof type === 'string' ? { type } : {}),
    ...(typeof code === 'number' ? { code } : {}),
    ...(typeof error_subcode === 'number' ? { error_subcode } : {}),
    ...(typeof fbtrace_id === 'string' ? { fbtrace_id } : {}),
  };
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date. */
function parseRetryAfter(header: string | null): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

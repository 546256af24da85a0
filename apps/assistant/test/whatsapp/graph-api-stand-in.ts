import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { type FastifyInstance, fastify } from 'fastify';

/** A message the stand-in accepted, as it arrived. */
export interface ReceivedGraphMessage {
  version: string;
  phoneNumberId: string;
  authorization: string | undefined;
  to: string;
  /** `text.body`; for a template message, the template's body with its parameters filled in. */
  text: string;
  /** A template message's name, language and body parameters (absent for a text message). */
  template?: { name: string; language: string; parameters: string[] };
  /** The whole JSON body, to compare with Meta's documented shape. */
  body: unknown;
}

/** Options of {@link GraphApiStandIn.start}. */
export interface GraphApiStandInOptions {
  accessToken: string;
  /** Phone number ids that exist; any id when omitted. */
  phoneNumberIds?: string[];
  /**
   * Approved message templates by name: the body with `{{1}}`, `{{2}}`… placeholders. A template message
   * must name one of them (Meta's error 132001 otherwise) and give exactly as many body parameters.
   */
  templates?: Record<string, string>;
}

interface PlannedFailure {
  status: number;
  retryAfter?: string;
}

/**
 * A local stand-in for the WhatsApp Cloud API's `POST /:version/:phoneNumberId/messages`, speaking Meta's
 * wire format: it checks the bearer token (401 + OAuthException code 190 otherwise), the phone number id and
 * the body shape (400 + code 100) of text and template messages (a template must be one of `templates`, in
 * `es`: 132001 otherwise; with as many body parameters as its placeholders: 132000 otherwise), answers `{messaging_product, contacts: [{input, wa_id}], messages: [{id}]}`,
 * records what it accepted, and can be told to fail the next requests.
 */
export class GraphApiStandIn {
  /** Messages accepted, in arrival order. */
  readonly messages: ReceivedGraphMessage[] = [];
  /** Every request to the messages endpoint, failed ones included. */
  requestCount = 0;

  readonly #app: FastifyInstance;
  readonly #failures: PlannedFailure[] = [];
  #baseUrl = '';

  private constructor(app: FastifyInstance) {
    this.#app = app;
  }

  /** Starts the stand-in on 127.0.0.1, on a free port. */
  static async start(options: GraphApiStandInOptions): Promise<GraphApiStandIn> {
    const app = fastify({ logger: false });
    const standIn = new GraphApiStandIn(app);
    standIn.#routes(options);
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    standIn.#baseUrl = `http://127.0.0.1:${port}`;
    return standIn;
  }

  /** `http://127.0.0.1:<port>`, to use as the Graph API base URL. */
  get baseUrl(): string {
    return this.#baseUrl;
  }

  /** Texts accepted, in order. */
  get texts(): string[] {
    return this.messages.map((message) => message.text);
  }

  /** Makes the next `count` requests fail with `status` and a Graph error body. */
  failNext(count: number, status: number, retryAfter?: string): void {
    for (let i = 0; i < count; i += 1) {
      this.#failures.push(retryAfter === undefined ? { status } : { status, retryAfter });
    }
  }

  async close(): Promise<void> {
    await this.#app.close();
  }

  #routes(options: GraphApiStandInOptions): void {
    this.#app.post<{ Params: { version: string; phoneNumberId: string } }>('/:version/:phoneNumberId/messages', async (request, reply) => {
      this.requestCount += 1;
      const failure = this.#failures.shift();
      if (failure !== undefined) {
        if (failure.retryAfter !== undefined) reply.header('retry-after', failure.retryAfter);
        return reply.code(failure.status).send(plannedFailureBody(failure.status));
      }

      const authorization = request.headers.authorization;
      if (authorization !== `Bearer ${options.accessToken}`) {
        return reply.code(401).send(graphError('Invalid OAuth access token - Cannot parse access token', 'OAuthException', 190));
      }
      const { version, phoneNumberId } = request.params;
      if (!/^v\d+\.\d+$/.test(version)) {
        return reply.code(400).send(graphError(`Unknown path components: /${version}`, 'OAuthException', 2500));
      }
      if (options.phoneNumberIds !== undefined && !options.phoneNumberIds.includes(phoneNumberId)) {
        return reply.code(400).send({
          error: {
            ...graphError(
              `Unsupported post request. Object with ID '${phoneNumberId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
              'GraphMethodException',
              100,
            ).error,
            error_subcode: 33,
          },
        });
      }

      const problem = messageProblem(request.body, options.templates ?? {});
      if (problem !== undefined) {
        return reply.code(400).send({
          error: {
            ...graphError('(#100) Invalid parameter', 'OAuthException', 100).error,
            error_data: { messaging_product: 'whatsapp', details: problem },
          },
        });
      }
      if (problem === undefined && (request.body as { type: string }).type === 'template') {
        const body = request.body as TemplateMessage;
        const parameters = body.template.components.flatMap((c) => c.parameters.map((p) => p.text));
        const approved = options.templates?.[body.template.name];
        if (approved === undefined || body.template.language.code !== 'es') {
          return reply.code(404).send({
            error: {
              ...graphError('(#132001) Template name does not exist in the translation', 'OAuthException', 132001).error,
              error_data: { messaging_product: 'whatsapp', details: `template name (${body.template.name}) does not exist in ${body.template.language.code}` },
            },
          });
        }
        const placeholders = new Set(approved.match(/\{\{\d+\}\}/g) ?? []).size;
        if (placeholders !== parameters.length) {
          return reply.code(400).send({
            error: {
              ...graphError('(#132000) Number of parameters does not match the expected number of params', 'OAuthException', 132000).error,
              error_data: {
                messaging_product: 'whatsapp',
                details: `body: number of localizable_params (${parameters.length}) does not match the expected number of params (${placeholders})`,
              },
            },
          });
        }
        const text = approved.replace(/\{\{(\d+)\}\}/g, (_, n: string) => parameters[Number(n) - 1] ?? '');
        this.messages.push({
          version,
          phoneNumberId,
          authorization,
          to: body.to,
          text,
          template: { name: body.template.name, language: body.template.language.code, parameters },
          body,
        });
        return reply.code(200).send(accepted(body.to));
      }
      const body = request.body as { to: string; text: { body: string } };
      this.messages.push({ version, phoneNumberId, authorization, to: body.to, text: body.text.body, body });
      return reply.code(200).send({
        messaging_product: 'whatsapp',
        contacts: [{ input: body.to, wa_id: body.to.replace(/\D/g, '') }],
        messages: [{ id: `wamid.${randomBytes(24).toString('base64url')}` }],
      });
    });
  }
}

function graphError(message: string, type: string, code: number) {
  return { error: { message, type, code, fbtrace_id: randomBytes(9).toString('base64url') } };
}

function plannedFailureBody(status: number) {
  if (status === 429) return graphError('(#130429) Rate limit hit', 'OAuthException', 130429);
  if (status >= 500) return graphError('An unknown error has occurred.', 'OAuthException', 1);
  return graphError('(#100) Invalid parameter', 'OAuthException', 100);
}

interface TemplateMessage {
  to: string;
  template: { name: string; language: { code: string }; components: { type: string; parameters: { type: string; text: string }[] }[] };
}

function accepted(to: string) {
  return {
    messaging_product: 'whatsapp',
    contacts: [{ input: to, wa_id: to.replace(/\D/g, '') }],
    messages: [{ id: `wamid.${randomBytes(24).toString('base64url')}` }],
  };
}

/** What is wrong with a message body (text or template), or `undefined` when it has Meta's shape. */
function messageProblem(body: unknown, templates: Record<string, string>): string | undefined {
  if (typeof body === 'object' && body !== null && (body as Record<string, unknown>).type === 'template') {
    const common = textMessageProblem({ ...body, type: 'text', text: { body: 'x' } });
    return common ?? templateProblem((body as Record<string, unknown>).template, templates);
  }
  return textMessageProblem(body);
}

/** What is wrong with a `template` object, or `undefined` when it has the Cloud API's shape. */
function templateProblem(template: unknown, templates: Record<string, string>): string | undefined {
  if (typeof template !== 'object' || template === null) return 'Parameter template is required for type template';
  const t = template as Record<string, unknown>;
  if (typeof t.name !== 'string' || t.name.length === 0) return 'Parameter template.name is required';
  const language = t.language as Record<string, unknown> | undefined;
  if (typeof language !== 'object' || language === null || typeof language.code !== 'string') return 'Parameter template.language.code is required';
  if (t.components === undefined) return templates[t.name]?.includes('{{') ? 'Parameter template.components is required by this template' : undefined;
  if (!Array.isArray(t.components)) return 'Parameter template.components must be an array';
  for (const component of t.components as unknown[]) {
    if (typeof component !== 'object' || component === null) return 'Each template component must be an object';
    const c = component as Record<string, unknown>;
    if (c.type !== 'body') return 'This stand-in only accepts components of type "body"';
    if (!Array.isArray(c.parameters)) return 'Parameter components[].parameters must be an array';
    for (const parameter of c.parameters as unknown[]) {
      const p = parameter as Record<string, unknown> | null;
      if (typeof p !== 'object' || p === null || p.type !== 'text') return 'Each body parameter must be {type: "text", text}';
      if (typeof p.text !== 'string' || p.text.trim() === '') return 'Parameter components[].parameters[].text is required';
      if (/[\n\t]| {5,}/.test(p.text)) return 'Param text cannot have new-line/tab characters or more than 4 consecutive spaces';
    }
  }
  return undefined;
}

/** What is wrong with a text-message body, or `undefined` when it has Meta's shape. */
function textMessageProblem(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return 'The request body must be a JSON object';
  const message = body as Record<string, unknown>;
  if (message.messaging_product !== 'whatsapp') return 'Parameter messaging_product is required and must be "whatsapp"';
  if (message.recipient_type !== undefined && message.recipient_type !== 'individual') {
    return 'Parameter recipient_type must be "individual"';
  }
  if (typeof message.to !== 'string' || !/^\+?\d{6,15}$/.test(message.to)) return 'Parameter to must be a phone number';
  if (message.type !== 'text') return 'This stand-in only accepts type "text"';
  const text = message.text as Record<string, unknown> | undefined;
  if (typeof text !== 'object' || text === null) return 'Parameter text is required for type text';
  if (typeof text.body !== 'string' || text.body.length === 0) return 'Parameter text.body is required';
  if (text.body.length > 4096) return 'Parameter text.body is too long (max 4096 characters)';
  if (text.preview_url !== undefined && typeof text.preview_url !== 'boolean') {
    return 'Parameter text.preview_url must be a boolean';
  }
  return undefined;
}

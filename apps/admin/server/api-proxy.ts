import type { IncomingHttpHeaders } from 'node:http';
import httpProxy from '@fastify/http-proxy';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';

/** Options of {@link apiProxy}. */
export interface ApiProxyOptions {
  /** Origin of the assistant service, e.g. `http://localhost:8080`. */
  readonly assistantUrl: string;
}

/** Headers through which a client could claim to be someone else; the proxy sets its own. */
const CLIENT_IDENTITY_HEADERS = ['x-forwarded-for', 'x-forwarded-proto', 'x-forwarded-host', 'x-forwarded-port', 'forwarded', 'x-real-ip'];

/** What {@link forwardedRequestHeaders} reads of a request (HTTP/1 or HTTP/2). */
export type ProxiedRequest = Pick<FastifyRequest, 'protocol' | 'headers'> & { readonly raw: { readonly socket: { readonly remoteAddress?: string | undefined } } };

/** `::ffff:127.0.0.1` (an IPv4 client on a dual-stack socket) → `127.0.0.1`. */
function plainAddress(address: string | undefined): string | undefined {
  return address?.startsWith('::ffff:') && address.includes('.') ? address.slice('::ffff:'.length) : address;
}

/**
 * The headers sent to the assistant: the client's own, minus any forwarding headers it supplied, plus
 * `X-Forwarded-For/-Proto/-Host` as this proxy saw the connection. The assistant trusts
 * `X-Forwarded-For` from loopback (its login rate limit is per client address), so a client-chosen
 * value must never get through.
 */
export function forwardedRequestHeaders(request: ProxiedRequest, headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const out: IncomingHttpHeaders = { ...headers };
  for (const name of CLIENT_IDENTITY_HEADERS) delete out[name];
  const clientAddress = plainAddress(request.raw.socket.remoteAddress);
  if (clientAddress) out['x-forwarded-for'] = clientAddress;
  out['x-forwarded-proto'] = request.protocol;
  const host = request.headers.host;
  if (host) out['x-forwarded-host'] = host;
  return out;
}

/** Whether reply-from gave up waiting (connect, headers or body timeout) rather than failing to connect. */
function isTimeout(error: { statusCode?: number }): boolean {
  return error.statusCode === 504;
}

/**
 * `/api/*` → the assistant's `/api/*`: methods, bodies (streamed, unparsed), cookies, `Set-Cookie` and
 * status codes pass through unchanged; forwarding headers are the proxy's own.
 */
export const apiProxy: FastifyPluginAsync<ApiProxyOptions> = async (app, { assistantUrl }) => {
  await app.register(httpProxy, {
    upstream: assistantUrl,
    prefix: '/api',
    rewritePrefix: '/api',
    disableRequestLogging: true,
    undici: { connectTimeout: 5_000, headersTimeout: 90_000, bodyTimeout: 90_000 },
    replyOptions: {
      rewriteRequestHeaders: forwardedRequestHeaders,
      // Any failure to reach the assistant: a JSON 502 (504 on a timeout) in Spanish, at once, never a hang.
      onError: (reply, { error }) => {
        const timeout = isTimeout(error as { statusCode?: number });
        // (reply-from has already logged the cause as a warning)
        reply
          .code(timeout ? 504 : 502)
          .header('cache-control', 'no-store')
          .send({ error: timeout ? 'upstream_timeout' : 'bad_gateway', message: 'El servicio del asistente no responde. Inténtalo de nuevo en unos segundos.' });
      },
    },
  });
};

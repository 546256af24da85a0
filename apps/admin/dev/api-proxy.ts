import type { IncomingMessage } from 'node:http';
import type { ProxyOptions } from 'vite';

/** Forwarding headers a client could forge to pose as another address (the assistant throttles logins per address). */
const CLIENT_FORWARDING_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip', 'x-forwarded-host', 'x-forwarded-proto'];

/**
 * `/api` of the dev and preview servers, proxied to the assistant like the production server does it:
 * whatever forwarding headers the client sent are dropped, and `X-Forwarded-For` is the address the
 * dev server itself saw, so a rotating client-supplied header cannot dodge the login throttle.
 */
export function apiProxy(target: string): Record<string, ProxyOptions> {
  return {
    '/api': {
      target,
      configure(proxy) {
        proxy.on('proxyReq', (proxyRequest, request: IncomingMessage) => {
          for (const header of CLIENT_FORWARDING_HEADERS) proxyRequest.removeHeader(header);
          proxyRequest.setHeader('x-forwarded-for', request.socket.remoteAddress ?? '');
        });
      },
    },
  };
}

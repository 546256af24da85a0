import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * The Content-Security-Policy of every admin page: only the admin's own built scripts and styles (no
 * inline ones; React sets styles through the CSSOM, which CSP allows), requests only to its own origin
 * (`/api`, `/config.json`), and no framing by anyone (clickjacking of the logged-in panel).
 */
export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'font-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
} as const;

/**
 * helmet's settings. Differences from helmet's defaults, and why:
 * - `Cross-Origin-Opener-Policy: same-origin-allow-popups`, not `same-origin`: the "Conectar" popup
 *   must keep `window.opener`, or the OAuth callback page (on the calendar server's origin) cannot
 *   `postMessage` the result back.
 * - `Referrer-Policy: same-origin`: nothing (not even the origin) goes to Google or the calendar server
 *   when the popup navigates there, while same-origin `fetch` POSTs keep a real `Origin` header
 *   (`no-referrer` makes browsers send `Origin: null` on them, which defeats Origin checks upstream).
 * - `X-Frame-Options: DENY` alongside `frame-ancestors 'none'`, for browsers without CSP level 2.
 * - No `Strict-Transport-Security`: the server speaks plain http (a TLS front end adds it).
 */
export const securityHeaderOptions: FastifyHelmetOptions = {
  global: true,
  contentSecurityPolicy: { useDefaults: false, directives: { ...CONTENT_SECURITY_POLICY } },
  crossOriginOpenerPolicy: { policy: 'same-origin-allow-popups' },
  crossOriginResourcePolicy: { policy: 'same-origin' },
  crossOriginEmbedderPolicy: false,
  referrerPolicy: { policy: 'same-origin' },
  strictTransportSecurity: false,
  xFrameOptions: { action: 'deny' },
  xContentTypeOptions: true,
};

/**
 * Puts the security headers on every response: pages, assets, `/config.json`, proxied `/api` answers
 * and 404s. Registered on the root instance (helmet's hook is global from where it is registered).
 */
export async function useSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, securityHeaderOptions);
}

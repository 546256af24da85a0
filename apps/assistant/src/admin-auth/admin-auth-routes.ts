import { createHash, timingSafeEqual } from 'node:crypto';
import { adminSessionSchema, apiErrorSchema, loginRequestSchema } from '@agendo/contracts';
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AdminSessions } from './admin-sessions.js';
import type { LoginThrottle, LoginWaitReason } from './login-throttle.js';
import { readSessionCookie, sessionCookie } from './session-cookie.js';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
const same = (a: string, b: string) => timingSafeEqual(digest(a), digest(b));

/** What admin authentication needs. */
export interface AdminAuthOptions {
  readonly password: string;
  readonly token: string | undefined;
  readonly sessions: AdminSessions;
  readonly limiter: LoginThrottle;
  readonly secureCookies: boolean;
}

/** The Spanish 429 message: how long to wait, in seconds or minutes. */
function waitMessage(reason: LoginWaitReason, seconds: number): string {
  const span = seconds < 120 ? `${seconds} segundo(s)` : `${Math.ceil(seconds / 60)} minuto(s)`;
  return reason === 'global'
    ? `Demasiados intentos fallidos en el panel. Espera ${span} y vuelve a intentarlo.`
    : `Demasiados intentos fallidos. Espera ${span} y vuelve a intentarlo.`;
}

/** `POST /api/admin/login`, `POST /api/admin/logout`, `GET /api/admin/session`. */
export const adminAuthRoutes: FastifyPluginAsyncZod<AdminAuthOptions> = async (app, o) => {
  const loginSchema = {
    summary: 'Log in to the admin panel (sets the session cookie)',
    body: loginRequestSchema,
    response: { 200: adminSessionSchema, 400: apiErrorSchema, 401: apiErrorSchema, 429: apiErrorSchema },
  };
  app.post('/api/admin/login', { schema: loginSchema }, async (request, reply) => {
    const attempt = await o.limiter.attempt(request.ip, () => same(request.body.password, o.password));
    if (attempt.outcome === 'throttled') {
      const { wait } = attempt;
      const seconds = Math.max(1, Math.ceil(wait.retryAfterMs / 1000));
      request.log.warn({ ip: request.ip, reason: wait.reason, retry_after_s: seconds }, 'login throttled');
      return reply
        .code(429)
        .header('retry-after', String(seconds))
        .send({ error: 'too_many_attempts', message: waitMessage(wait.reason, seconds) });
    }
    if (attempt.outcome === 'refused') {
      request.log.warn({ ip: request.ip }, 'failed admin login');
      return reply.code(401).send({ error: 'invalid_password', message: 'Contraseña incorrecta.', fields: { password: 'Contraseña incorrecta.' } });
    }
    const token = await o.sessions.create();
    return reply.header('set-cookie', sessionCookie(token, Math.floor(o.sessions.ttlMs / 1000), o.secureCookies)).send({ authenticated: true });
  });

  app.post('/api/admin/logout', { schema: { summary: 'Log out (ends the session)', response: { 200: adminSessionSchema } } }, async (request, reply) => {
    const token = readSessionCookie(request.headers.cookie);
    if (token) await o.sessions.revoke(token);
    return reply.header('set-cookie', sessionCookie('', 0, o.secureCookies)).send({ authenticated: false });
  });

  app.get('/api/admin/session', { schema: { summary: 'Whether this browser is logged in', response: { 200: adminSessionSchema } } }, async (request) => ({
    authenticated: await isAdmin(request.headers, o),
  }));
};

/** Whether a request carries the admin bearer token or a valid session cookie. */
export async function isAdmin(headers: { authorization?: string | undefined; cookie?: string | undefined }, o: Pick<AdminAuthOptions, 'token' | 'sessions'>): Promise<boolean> {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '')?.[1];
  if (bearer && o.token && same(bearer, o.token)) return true;
  const session = readSessionCookie(headers.cookie);
  return session !== undefined && (await o.sessions.isValid(session));
}

/** Refuses every request of `app` (an encapsulated context) that is not from a logged-in admin or the bearer token. */
export function requireAdmin(app: FastifyInstance, o: Pick<AdminAuthOptions, 'token' | 'sessions'>): void {
  app.addHook('onRequest', async (request, reply) => {
    if (await isAdmin(request.headers, o)) return;
    await reply.code(401).send({ error: 'unauthorized', message: 'Inicia sesión en el panel para continuar.' });
  });
}

import { useRequestValidation } from '@agendo/http-validation';
import { logOneLinePerRequest } from '@agendo/request-log';
import Fastify, { type FastifyInstance, type FastifyServerOptions, LogController } from 'fastify';
import type { ConnectionActivity } from './activity/connection-activity.js';
import { adminAuthRoutes, requireAdmin } from './admin-auth/admin-auth-routes.js';
import type { AdminSessions } from './admin-auth/admin-sessions.js';
import { LoginLimiter } from './admin-auth/login-limiter.js';
import type { LoginThrottle } from './admin-auth/login-throttle.js';
import type { CalendarServerClient } from './calendar/calendar-server-client.js';
import { chatRoute } from './chat/chat-route.js';
import type { AssistantConfig } from './config.js';
import type { ConversationEngine } from './conversation/conversation-engine.js';
import { type CustomerHistoryRoutesOptions, customerHistoryRoutes } from './customers/customer-history-routes.js';
import type { CustomerStore } from './customers/customer-store.js';
import { customersRoutes } from './customers/customers-routes.js';
import { adminOpenApiRoute, collectAdminOpenApi } from './http/admin-openapi.js';

/** What the assistant service is built from; `server.ts` opens these, tests may build their own. */
export interface AssistantAppDependencies {
  readonly config: AssistantConfig;
  readonly customers: CustomerStore;
  readonly sessions: AdminSessions;
  readonly calendarServer: CalendarServerClient;
  readonly engine: ConversationEngine;
  /** The customer page's data (`/clientes/:id`): its routes are served when given. */
  readonly customerHistory?: Omit<CustomerHistoryRoutesOptions, 'customers' | 'calendarServer' | 'connections'>;
  /** Records calendar connections and disconnections in the activity log. */
  readonly connections?: ConnectionActivity;
  /** The admin login throttle (default: in this process, for a single assistant). */
  readonly loginThrottle?: LoginThrottle;
  /** Extra plugins (the WhatsApp channel), registered at the root. */
  readonly channels?: ((app: FastifyInstance) => void)[];
}

/** pino options: secrets, cookies and tokens never reach the log. */
function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', '*.password', '*.access_token', '*.token'], censor: '[REDACTED]' },
  };
}

/** Composes the service: health, admin login, the admin API behind it, and the channels. */
export function buildAssistantApp(deps: AssistantAppDependencies, options: { logger?: boolean } = {}): FastifyInstance {
  const app = Fastify({
    logger: options.logger === false ? false : loggerOptions(deps.config.logLevel),
    bodyLimit: 256 * 1024,
    trustProxy: deps.config.trustProxy,
    logController: new LogController({ disableRequestLogging: true }),
  });
  logOneLinePerRequest(app, { quietRoutes: ['/healthz'], redactUrl: (url) => url.replace(/([?&]hub\.verify_token=)[^&]*/g, '$1[REDACTED]') });
  app.get('/healthz', async () => ({ status: 'ok', engine: deps.config.llm ? 'llm' : 'embedded' }));
  const auth = {
    password: deps.config.adminPassword,
    token: deps.config.adminToken,
    sessions: deps.sessions,
    limiter: deps.loginThrottle ?? new LoginLimiter({ maxFailuresPerMinute: deps.config.loginMaxFailuresPerMinute }),
    secureCookies: deps.config.secureCookies,
  };
  // The admin API validates and serializes with the contract's zod schemas (Spanish field messages) and
  // documents itself from them; channels keep Fastify's defaults.
  app.register(async (adminApi) => {
    useRequestValidation(adminApi);
    await collectAdminOpenApi(adminApi);
    await adminApi.register(adminAuthRoutes, auth);
    await adminApi.register(async (admin) => {
      requireAdmin(admin, auth);
      await admin.register(customersRoutes, { customers: deps.customers, calendarServer: deps.calendarServer, ...(deps.connections ? { connections: deps.connections } : {}) });
      if (deps.customerHistory) {
        await admin.register(customerHistoryRoutes, {
          ...deps.customerHistory,
          customers: deps.customers,
          calendarServer: deps.calendarServer,
          ...(deps.connections ? { connections: deps.connections } : {}),
        });
      }
      await admin.register(chatRoute, { engine: deps.engine, customers: deps.customers });
      await admin.register(adminOpenApiRoute);
    });
  });
  for (const channel of deps.channels ?? []) channel(app);
  return app;
}

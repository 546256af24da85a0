import { useRequestValidation } from '@agendo/http-validation';
import { logOneLinePerRequest } from '@agendo/request-log';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import type { BookingService } from './calendar/booking-service.js';
import { CallDeadline, withCallDeadline } from './calendar/call-deadline.js';
import type { TokenDatabase } from './db/token-database.js';
import { healthRoute } from './health/health-route.js';
import { requireBearer } from './http/bearer-auth.js';
import { loggerOptions, redactUrl } from './http/logger-options.js';
import { rebindingPolicy } from './mcp/dns-rebinding-guard.js';
import { mcpRoute } from './mcp/mcp-route.js';
import type { Metrics } from './metrics/metrics.js';
import { metricsRoute, recordRequestTimings } from './metrics/metrics-route.js';
import { authorizeRoute } from './oauth/authorize-route.js';
import { callbackRoute } from './oauth/callback-route.js';
import { disconnectRoute } from './oauth/disconnect-route.js';
import type { OAuthContext } from './oauth/oauth-context.js';
import { statusRoute } from './oauth/status-route.js';
import { notificationRoute } from './push/notification-route.js';
import type { PushChannels } from './push/push-channels.js';
import type { AccessTokens } from './tokens/access-tokens.js';

/** Everything the server is built from; `server.ts` opens these, tests may build their own. */
export interface AppDependencies extends OAuthContext {
  readonly db: TokenDatabase;
  readonly tokens: AccessTokens;
  readonly bookings: BookingService;
  readonly metrics: Metrics;
  /** Google push channels (when `PUBLIC_BASE_URL` is set): their notification route and disconnect hook. */
  readonly push?: PushChannels | undefined;
}

const DISCONNECT_ROUTE = '/oauth/connections/:customer_id';

/** Composes the server's plugins: public routes (health, OAuth callback) and bearer-protected ones. */
export function buildApp(deps: AppDependencies, options: { logger?: boolean } = {}): FastifyInstance {
  const app = Fastify({
    logger: options.logger === false ? false : loggerOptions(deps.config.logLevel),
    bodyLimit: 256 * 1024,
    logController: new LogController({ disableRequestLogging: true }),
  });
  logOneLinePerRequest(app, { quietRoutes: ['/healthz', '/metrics'], redactUrl });
  useRequestValidation(app);
  recordRequestTimings(app, deps.metrics);

  // Each MCP request (one tool call) runs under a deadline below the assistant's MCP timeout.
  app.addHook('preHandler', (request, _reply, done) => {
    if (request.method === 'POST' && request.routeOptions.url === '/mcp') withCallDeadline(CallDeadline.after(deps.config.toolDeadlineMs), done);
    else done();
  });
  const push = deps.push;
  if (push) {
    // Stop the customer's push channel while its tokens still exist (the disconnect route deletes them).
    app.addHook('preHandler', async (request) => {
      if (request.method === 'DELETE' && request.routeOptions.url === DISCONNECT_ROUTE) {
        await push.release((request.params as { customer_id: string }).customer_id);
      }
    });
    app.register(notificationRoute, { push });
  }

  app.register(healthRoute, { config: deps.config, db: deps.db });
  app.register(callbackRoute, deps);
  app.register(async (protectedApp) => {
    requireBearer(protectedApp, deps.config.mcpApiKey);
    await protectedApp.register(authorizeRoute, deps);
    await protectedApp.register(statusRoute, deps);
    await protectedApp.register(disconnectRoute, deps);
    await protectedApp.register(metricsRoute, { metrics: deps.metrics });
    await protectedApp.register(mcpRoute, {
      bookings: deps.bookings,
      tokens: deps.tokens,
      rebinding: rebindingPolicy(deps.config.host, deps.config.mcpAllowedHosts, deps.config.mcpAllowedOrigins),
      bookingHorizonDays: deps.config.bookingHorizonDays,
    });
  });
  return app;
}

import { logOneLinePerRequest } from '@agendo/request-log';
import Fastify, { type FastifyInstance } from 'fastify';
import type { BookingService } from './calendar/booking-service.js';
import type { TokenDatabase } from './db/token-database.js';
import { healthRoute } from './health/health-route.js';
import { requireBearer } from './http/bearer-auth.js';
import { loggerOptions, redactUrl } from './http/logger-options.js';
import { useZodValidation } from './http/zod-validation.js';
import { mcpRoute } from './mcp/mcp-route.js';
import type { Metrics } from './metrics/metrics.js';
import { metricsRoute, recordRequestTimings } from './metrics/metrics-route.js';
import { authorizeRoute } from './oauth/authorize-route.js';
import { callbackRoute } from './oauth/callback-route.js';
import { disconnectRoute } from './oauth/disconnect-route.js';
import type { OAuthContext } from './oauth/oauth-context.js';
import { statusRoute } from './oauth/status-route.js';
import type { AccessTokens } from './tokens/access-tokens.js';

/** Everything the server is built from; `server.ts` opens these, tests may build their own. */
export interface AppDependencies extends OAuthContext {
  readonly db: TokenDatabase;
  readonly tokens: AccessTokens;
  readonly bookings: BookingService;
  readonly metrics: Metrics;
}

/** Composes the server's plugins: public routes (health, OAuth callback) and bearer-protected ones. */
export function buildApp(deps: AppDependencies, options: { logger?: boolean } = {}): FastifyInstance {
  const app = Fastify({
    logger: options.logger === false ? false : loggerOptions(deps.config.logLevel),
    bodyLimit: 256 * 1024,
    disableRequestLogging: true,
  });
  logOneLinePerRequest(app, { quietRoutes: ['/healthz', '/metrics'], redactUrl });
  useZodValidation(app);
  recordRequestTimings(app, deps.metrics);

  app.register(healthRoute, { config: deps.config, db: deps.db });
  app.register(callbackRoute, deps);
  app.register(async (protectedApp) => {
    requireBearer(protectedApp, deps.config.mcpApiKey);
    await protectedApp.register(authorizeRoute, deps);
    await protectedApp.register(statusRoute, deps);
    await protectedApp.register(disconnectRoute, deps);
    await protectedApp.register(metricsRoute, { metrics: deps.metrics });
    await protectedApp.register(mcpRoute, { bookings: deps.bookings, tokens: deps.tokens, allowedOrigins: deps.config.mcpAllowedOrigins });
  });
  return app;
}

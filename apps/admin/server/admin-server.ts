import { closeGracefully } from '@agendo/http-shutdown';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import { apiProxy } from './api-proxy.js';
import type { AdminServerConfig } from './config.js';
import { healthRoute } from './health-route.js';
import { loggerOptions } from './logger-options.js';
import { useRequestLogging } from './request-logging.js';
import { runtimeConfigRoute } from './runtime-config-route.js';
import { useSecurityHeaders } from './security-headers.js';
import { staticSite } from './static-site.js';

/** Everything the admin server is built from; `server.ts` reads the config, tests may pass their own. */
export interface AdminServerDependencies {
  readonly config: AdminServerConfig;
  /** `false` silences the log (tests); a stream receives it instead of stdout. */
  readonly logger?: boolean;
  readonly logStream?: NodeJS.WritableStream;
}

/**
 * Composes the admin server: security headers and request logging on everything, then the features
 * (health, runtime config, the `/api` proxy, the built SPA with its fallback), each a plugin owning its routes.
 */
export async function buildAdminServer(deps: AdminServerDependencies): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    logger: deps.logger === false ? false : loggerOptions(config.logLevel, deps.logStream),
    // Fastify's own two lines per request are replaced by useRequestLogging's one.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 256 * 1024,
  });
  await useSecurityHeaders(app);
  useRequestLogging(app);

  await app.register(healthRoute);
  await app.register(runtimeConfigRoute, { calendarOrigins: config.calendarOrigins });
  await app.register(apiProxy, { assistantUrl: config.assistantUrl });
  await app.register(staticSite, { distDir: config.distDir });
  return app;
}

/** A listening admin server. */
export interface RunningAdminServer {
  readonly app: FastifyInstance;
  /** Base URL, e.g. `http://localhost:5173`. */
  readonly url: string;
  close(): Promise<void>;
}

/** Builds the admin server and starts listening on `ADMIN_HOST:ADMIN_PORT`. */
export async function startAdminServer(config: AdminServerConfig, options: Omit<AdminServerDependencies, 'config'> = {}): Promise<RunningAdminServer> {
  const app = await buildAdminServer({ config, ...options });
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (err) {
    await app.close();
    throw err;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return {
    app,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () => closeGracefully(app),
  };
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AdminRuntimeConfig } from '@agendo/contracts';
import type { Plugin } from 'vite';
import { loadCalendarOrigins } from '../server/config.js';

/**
 * Serves `GET /config.json` from Vite's dev and preview servers exactly as the production server does
 * (from `CALENDAR_ORIGINS`), so the page loads its runtime config the same way in every mode.
 * An invalid `CALENDAR_ORIGINS` stops Vite at start-up with the variable named.
 */
export function runtimeConfigPlugin(env: NodeJS.ProcessEnv = process.env): Plugin {
  const body = JSON.stringify({ calendarOrigins: [...loadCalendarOrigins(env)] } satisfies AdminRuntimeConfig);
  const serve = (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    const pathname = (req.url ?? '').split('?', 1)[0];
    if (pathname !== '/config.json' || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    res.statusCode = 200;
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.setHeader('cache-control', 'no-store');
    res.end(req.method === 'HEAD' ? undefined : body);
  };
  return {
    name: 'agendo-runtime-config',
    configureServer: (server) => void server.middlewares.use(serve),
    configurePreviewServer: (server) => void server.middlewares.use(serve),
  };
}

import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { ConfigError } from './config.js';

/** Options of {@link staticSite}. */
export interface StaticSiteOptions {
  /** The built SPA: `index.html` and the hashed `assets/`. */
  readonly distDir: string;
}

/** Hashed file names (Vite's `assets/`): their content never changes under the same URL. */
export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';
/** Everything else (`index.html`, the SPA's pages): revalidate each time, so a deploy shows at once. */
export const REVALIDATE_CACHE = 'no-cache';

/** The paths the SPA routes itself (`/clientes`, `/login`, `/probar/…`): no file extension, not the API. */
export function isSpaPath(url: string): boolean {
  const pathname = url.split('?', 1)[0] ?? '/';
  if (pathname === '/api' || pathname.startsWith('/api/')) return false;
  const lastSegment = pathname.slice(pathname.lastIndexOf('/') + 1);
  return !lastSegment.includes('.');
}

function notFound(request: FastifyRequest, reply: FastifyReply) {
  return reply
    .code(404)
    .header('cache-control', REVALIDATE_CACHE)
    .send({ error: 'not_found', message: `No existe ${request.method} ${request.url.split('?', 1)[0]}` });
}

/**
 * Serves the built SPA: files from `distDir` (long cache for hashed assets, `no-cache` for the rest),
 * `index.html` for any other GET/HEAD of an extension-less path outside `/api` (the SPA's own routes),
 * and a JSON 404 for everything else. Refuses to start when `distDir` holds no `index.html`.
 */
export const staticSite: FastifyPluginAsync<StaticSiteOptions> = async (app, { distDir }) => {
  if (!fs.existsSync(path.join(distDir, 'index.html'))) {
    throw new ConfigError(`ADMIN_DIST_DIR: ${distDir} has no index.html; build the admin first (npm run -w @agendo/admin build)`);
  }
  const assetsDir = path.join(distDir, 'assets') + path.sep;

  await app.register(fastifyStatic, {
    root: distDir,
    prefix: '/',
    cacheControl: false,
    dotfiles: 'deny',
    setHeaders: (reply, filePath) => {
      reply.header('cache-control', filePath.startsWith(assetsDir) ? IMMUTABLE_CACHE : REVALIDATE_CACHE);
    },
  });

  app.setNotFoundHandler((request, reply) => {
    if ((request.method === 'GET' || request.method === 'HEAD') && isSpaPath(request.url)) {
      return reply.header('cache-control', REVALIDATE_CACHE).sendFile('index.html');
    }
    return notFound(request, reply);
  });
};

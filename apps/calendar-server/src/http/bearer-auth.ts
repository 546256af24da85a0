import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/**
 * Adds an `onRequest` hook to `app` (an encapsulated plugin context) that requires
 * `Authorization: Bearer <apiKey>`, compared in constant time.
 */
export function requireBearer(app: FastifyInstance, apiKey: string): void {
  const expected = digest(apiKey);
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (match?.[1] && timingSafeEqual(digest(match[1]), expected)) return;
    await reply
      .code(401)
      .header('www-authenticate', 'Bearer realm="agendo-calendar"')
      .send({ error: 'unauthorized', message: match ? 'Invalid API key.' : 'Missing "Authorization: Bearer <MCP_API_KEY>" header.' });
  });
}

import { fastifySwagger } from '@fastify/swagger';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { SESSION_COOKIE } from '../admin-auth/session-cookie.js';

/** Where the admin API's OpenAPI document is served (behind the admin login, like the rest of `/api/admin`). */
export const ADMIN_OPENAPI_PATH = '/api/admin/openapi.json';

/**
 * Collects the routes of `adminApi` (call it there before registering them) into an OpenAPI 3.1 document
 * generated from their zod schemas, which are the contract's (`@agendo/contracts`): the schemas that
 * validate the requests and serialize the answers, so the document cannot drift from the code.
 */
export async function collectAdminOpenApi(adminApi: FastifyInstance): Promise<void> {
  await adminApi.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Agendo admin API',
        version: '0.1.0',
        description:
          "The assistant service's admin API: customers (customer_memory), their Google Calendar connections and the chat simulator. Every error is `{error, message, fields?, issues?}`; a request that fails its schema is `400 invalid_request`.",
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'The session cookie that POST /api/admin/login sets' },
          adminToken: { type: 'http', scheme: 'bearer', description: 'ADMIN_TOKEN, for scripts' },
        },
      },
      security: [{ session: [] }, { adminToken: [] }],
    },
    transform: jsonSchemaTransform,
  });
}

/**
 * `GET /api/admin/openapi.json`: the document {@link collectAdminOpenApi} built. Registered inside the
 * logged-in context: it maps an admin-only surface, and whoever may read it may call that surface anyway.
 */
export const adminOpenApiRoute: FastifyPluginAsync = async (app) => {
  app.get(ADMIN_OPENAPI_PATH, { schema: { hide: true } }, async () => app.swagger());
};

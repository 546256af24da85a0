import type { FastifyPluginAsync } from 'fastify';
import type { ConnectionStatus } from '@agendo/calendar-contract';
import { type CustomerParams, customerParamsSchema } from './contract.js';
import type { OAuthContext } from './oauth-context.js';

/** `GET /oauth/status/:customer_id`: connected, not_connected or needs_reauth, with email and scopes. */
export const statusRoute: FastifyPluginAsync<OAuthContext> = async (app, { vault }) => {
  app.get<{ Params: CustomerParams; Reply: ConnectionStatus }>(
    '/oauth/status/:customer_id',
    { schema: { params: customerParamsSchema } },
    async (request) => vault.status(request.params.customer_id),
  );
};

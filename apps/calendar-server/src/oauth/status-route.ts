import { type ConnectionStatus, type OAuthCustomerParams, oauthCustomerParamsSchema, type StatusesRequest, type StatusesResponse, statusesRequestSchema } from '@agendo/contracts';
import type { FastifyPluginAsync } from 'fastify';
import { describeTokenDatabase } from '../db/token-database.js';
import { answerTokenDatabaseFailures } from '../db/token-database-failures.js';
import type { OAuthContext } from './oauth-context.js';

/**
 * `GET /oauth/status/:customer_id`: connected, not_connected or needs_reauth, with email and scopes;
 * `POST /oauth/statuses {customer_ids}`: the same for up to 100 customers in one call.
 */
export const statusRoute: FastifyPluginAsync<OAuthContext> = async (app, { config, vault }) => {
  answerTokenDatabaseFailures(app, describeTokenDatabase({ file: config.tokenDbPath, url: config.databaseUrl }));
  app.get<{ Params: OAuthCustomerParams; Reply: ConnectionStatus }>('/oauth/status/:customer_id', { schema: { params: oauthCustomerParamsSchema } }, async (request) =>
    vault.status(request.params.customer_id),
  );
  app.post<{ Body: StatusesRequest; Reply: StatusesResponse }>('/oauth/statuses', { schema: { body: statusesRequestSchema } }, async (request) => ({
    statuses: await vault.statuses(request.body.customer_ids),
  }));
};

import { type DisconnectResponse, type OAuthCustomerParams, oauthCustomerParamsSchema } from '@agendo/contracts';
import type { FastifyPluginAsync } from 'fastify';
import { describeTokenDatabase } from '../db/token-database.js';
import { answerTokenDatabaseFailures } from '../db/token-database-failures.js';
import { disconnectCustomer } from './disconnect-customer.js';
import type { OAuthContext } from './oauth-context.js';

/**
 * `DELETE /oauth/connections/:customer_id` ("Desconectar"): invalidates every outstanding authorization
 * link of the customer, deletes the tokens and revokes the grant at Google (best effort).
 * `DELETE /oauth/customers/:customer_id` (the customer was deleted): the same, and forgets what the
 * pending authorizations held about them, so an ID used again later starts from nothing.
 */
export const disconnectRoute: FastifyPluginAsync<OAuthContext> = async (app, context) => {
  answerTokenDatabaseFailures(app, describeTokenDatabase({ file: context.config.tokenDbPath, url: context.config.databaseUrl }));
  app.delete<{ Params: OAuthCustomerParams; Reply: DisconnectResponse }>('/oauth/connections/:customer_id', { schema: { params: oauthCustomerParamsSchema } }, async (request) =>
    disconnectCustomer(context, request.params.customer_id, { forget: false, log: request.log }),
  );
  app.delete<{ Params: OAuthCustomerParams; Reply: DisconnectResponse }>('/oauth/customers/:customer_id', { schema: { params: oauthCustomerParamsSchema } }, async (request) =>
    disconnectCustomer(context, request.params.customer_id, { forget: true, log: request.log }),
  );
};

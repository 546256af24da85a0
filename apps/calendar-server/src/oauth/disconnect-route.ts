import type { DisconnectResponse } from '@agendo/calendar-contract';
import type { FastifyPluginAsync } from 'fastify';
import { googleErrorCode } from './google-error-code.js';
import { type CustomerParams, customerParamsSchema } from './contract.js';
import type { OAuthContext } from './oauth-context.js';

/** `DELETE /oauth/connections/:customer_id`: revokes the grant at Google (best effort) and deletes the tokens. */
export const disconnectRoute: FastifyPluginAsync<OAuthContext> = async (app, { vault, oauthClient }) => {
  app.delete<{ Params: CustomerParams; Reply: DisconnectResponse }>(
    '/oauth/connections/:customer_id',
    { schema: { params: customerParamsSchema } },
    async (request) => {
      const { customer_id } = request.params;
      const removed = await vault.remove(customer_id);
      if (!removed) return { customer_id, disconnected: false, revoked: false };
      let revoked = false;
      const token = removed.tokens.refreshToken || removed.tokens.accessToken;
      if (token) {
        try {
          await oauthClient.revokeToken(token);
          revoked = true;
        } catch (err) {
          request.log.warn({ customer_id, reason: googleErrorCode(err) }, 'revocation at Google failed; tokens deleted anyway');
        }
      }
      request.log.info({ customer_id, revoked }, 'calendar disconnected');
      return { customer_id, disconnected: true, revoked };
    },
  );
};

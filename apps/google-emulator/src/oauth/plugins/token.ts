import type { FastifyPluginAsync } from 'fastify';
import { oauthError } from '../../google-errors.js';
import { RequestParams } from '../../request-params.js';
import type { EmulatorPluginOptions } from '../../state/state.js';
import { redeemAuthorizationCode } from '../authorization-code-grant.js';
import { authenticateClient } from '../client-authentication.js';
import { issuerOf } from '../issuer.js';
import { redeemRefreshToken } from '../refresh-token-grant.js';

const GRANT_TYPES = ['authorization_code', 'refresh_token'] as const;

/**
 * Google's token endpoint, `POST /token` (form-encoded or JSON). Endpoint name `token`, with
 * variants `token.authorization_code` and `token.refresh_token`.
 */
export const tokenPlugin: FastifyPluginAsync<EmulatorPluginOptions> = async (app, { state }) => {
  app.post(
    '/token',
    {
      config: {
        endpoint: 'token',
        endpointVariants: { names: GRANT_TYPES, of: (request) => new RequestParams(request.body).get('grant_type') },
        errorStyle: 'oauth',
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-cache, no-store, max-age=0, must-revalidate').header('pragma', 'no-cache');
      const params = new RequestParams(request.body);
      const grantType = params.get('grant_type');
      if (grantType === undefined || grantType === '') {
        return reply.code(400).send(oauthError('invalid_request', 'Required parameter is missing: grant_type'));
      }
      if (grantType !== 'authorization_code' && grantType !== 'refresh_token') {
        return reply.code(400).send(oauthError('unsupported_grant_type', `Invalid grant_type: ${grantType}`));
      }
      const authentication = authenticateClient(state.clients, request.headers.authorization, params);
      if (!authentication.ok) return reply.code(authentication.status).send(authentication.body);

      const redeem = grantType === 'authorization_code' ? redeemAuthorizationCode : redeemRefreshToken;
      const outcome = redeem(state, authentication.client, params, issuerOf(request));
      return reply.code(outcome.status).send(outcome.body);
    },
  );
};

import type { FastifyPluginAsync } from 'fastify';
import { oauthError } from '../../google-errors.js';
import { RequestParams } from '../../request-params.js';
import type { EmulatorPluginOptions } from '../../state/state.js';

/**
 * Google's revocation endpoint, `POST /revoke?token=...` (or token in the form body); endpoint
 * name `revoke`. Revoking an access or refresh token revokes the whole grant.
 */
export const revokePlugin: FastifyPluginAsync<EmulatorPluginOptions> = async (app, { state }) => {
  app.route({
    method: ['GET', 'POST'],
    url: '/revoke',
    config: { endpoint: 'revoke', errorStyle: 'oauth' },
    handler: async (request, reply) => {
      const token = new RequestParams(request.query).get('token') ?? new RequestParams(request.body).get('token');
      if (token === undefined || token === '') {
        return reply.code(400).send(oauthError('invalid_request', 'Missing required parameter: token'));
      }
      const grant = state.activeGrantForRefreshToken(token) ?? state.liveAccessToken(token)?.grant;
      if (grant === undefined) return reply.code(400).send(oauthError('invalid_token', 'Token expired or revoked'));
      state.revokeGrant(grant);
      return {};
    },
  });
};

import type { FastifyPluginAsync } from 'fastify';
import { oauthError } from '../../google-errors.js';
import { RequestParams } from '../../request-params.js';
import type { EmulatorPluginOptions } from '../../state/state.js';
import { parseBearer } from '../bearer.js';
import { includesEmailScope } from '../scopes.js';
import { subjectForEmail } from '../subject.js';

/**
 * Token introspection, `GET|POST /tokeninfo` (endpoint name `tokeninfo`). The token comes as
 * `access_token` in the query or form, or as a Bearer header (what google-auth-library's
 * `getTokenInfo` sends). Like Google, numbers and booleans are strings.
 */
export const tokeninfoPlugin: FastifyPluginAsync<EmulatorPluginOptions> = async (app, { state }) => {
  app.route({
    method: ['GET', 'POST'],
    url: '/tokeninfo',
    config: { endpoint: 'tokeninfo', errorStyle: 'oauth' },
    handler: async (request, reply) => {
      const token = new RequestParams(request.query).get('access_token') ?? new RequestParams(request.body).get('access_token') ?? parseBearer(request.headers.authorization);
      const accessToken = token === undefined ? undefined : state.liveAccessToken(token);
      if (accessToken === undefined) return reply.code(400).send(oauthError('invalid_token', 'Invalid Value'));
      const { grant, expiresAt } = accessToken;
      return {
        azp: grant.clientId,
        aud: grant.clientId,
        sub: subjectForEmail(grant.email),
        scope: grant.scopes.join(' '),
        exp: String(Math.floor(expiresAt / 1000)),
        expires_in: String(Math.max(0, Math.floor((expiresAt - Date.now()) / 1000))),
        ...(includesEmailScope(grant.scopes) ? { email: grant.email, email_verified: 'true' } : {}),
        access_type: grant.offline ? 'offline' : 'online',
      };
    },
  });
};

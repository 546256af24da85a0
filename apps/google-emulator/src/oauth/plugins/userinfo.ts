import type { FastifyPluginAsync } from 'fastify';
import { oauthError } from '../../google-errors.js';
import { RequestParams } from '../../request-params.js';
import type { EmulatorPluginOptions } from '../../state/state.js';
import { parseBearer } from '../bearer.js';
import { includesEmailScope } from '../scopes.js';
import { subjectForEmail } from '../subject.js';

/**
 * OpenID userinfo, `GET|POST /oauth2/v3/userinfo` with a Bearer token (endpoint name `userinfo`).
 * `email` is only included when the grant has the email scope, like Google.
 */
export const userinfoPlugin: FastifyPluginAsync<EmulatorPluginOptions> = async (app, { state }) => {
  app.route({
    method: ['GET', 'POST'],
    url: '/oauth2/v3/userinfo',
    config: { endpoint: 'userinfo' },
    handler: async (request, reply) => {
      const token = parseBearer(request.headers.authorization) ?? new RequestParams(request.query).get('access_token');
      const accessToken = token === undefined ? undefined : state.liveAccessToken(token);
      if (accessToken === undefined) {
        return reply
          .code(401)
          .header('www-authenticate', 'Bearer realm="https://accounts.google.com/", error="invalid_token"')
          .send(oauthError('invalid_token', 'Invalid Credentials'));
      }
      const { email, scopes } = accessToken.grant;
      return {
        sub: subjectForEmail(email),
        ...(includesEmailScope(scopes) ? { email, email_verified: true } : {}),
      };
    },
  });
};

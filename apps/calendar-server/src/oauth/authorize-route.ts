import { type AuthorizeRequest, type AuthorizeResponse, authorizeRequestSchema } from '@agendo/contracts';
import type { FastifyPluginAsync } from 'fastify';
import { CodeChallengeMethod } from 'google-auth-library';
import { describeTokenDatabase } from '../db/token-database.js';
import { answerTokenDatabaseFailures } from '../db/token-database-failures.js';
import { REQUESTED_SCOPES } from './calendar-scopes.js';
import type { OAuthContext } from './oauth-context.js';
import { STATE_TTL_MS } from './state-ttl.js';

/**
 * `POST /oauth/authorize`: a Google authorization URL for one customer, with offline access, forced
 * consent, PKCE S256, `login_hint` and a single-use state that expires.
 */
export const authorizeRoute: FastifyPluginAsync<OAuthContext> = async (app, { config, oauthClient, states }) => {
  answerTokenDatabaseFailures(app, describeTokenDatabase({ file: config.tokenDbPath, url: config.databaseUrl }));
  app.post<{ Body: AuthorizeRequest; Reply: AuthorizeResponse }>('/oauth/authorize', { schema: { body: authorizeRequestSchema } }, async (request) => {
    const { customer_id, email, delivery } = request.body;
    const { codeVerifier, codeChallenge } = await oauthClient.generateCodeVerifierAsync();
    const expiresAt = new Date(Date.now() + STATE_TTL_MS[delivery]).toISOString();
    const state = await states.create({ customerId: customer_id, expectedEmail: email, codeVerifier, expiresAt });
    const authorizationUrl = oauthClient.generateAuthUrl({
      access_type: 'offline',
      prompt: 'consent',
      include_granted_scopes: true,
      scope: [...REQUESTED_SCOPES],
      state,
      login_hint: email,
      code_challenge_method: CodeChallengeMethod.S256,
      code_challenge: codeChallenge,
    });
    request.log.info({ customer_id, delivery, expires_at: expiresAt }, 'authorization started');
    return { authorization_url: authorizationUrl, state, expires_at: expiresAt };
  });
};

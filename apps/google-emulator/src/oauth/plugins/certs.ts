import type { FastifyPluginAsync } from 'fastify';
import type { EmulatorPluginOptions } from '../../state/state.js';

const CACHE_CONTROL = 'public, max-age=21600, must-revalidate, no-transform';

/**
 * Public keys for ID token verification (endpoint name `certs`): `GET /oauth2/v1/certs` as
 * `{kid: PEM}` and `GET /oauth2/v3/certs` as a JWKS.
 */
export const certsPlugin: FastifyPluginAsync<EmulatorPluginOptions> = async (app, { state }) => {
  const key = state.signingKey;
  app.get('/oauth2/v1/certs', { config: { endpoint: 'certs' } }, async (_request, reply) => {
    reply.header('cache-control', CACHE_CONTROL);
    return { [key.kid]: key.publicKeyPem };
  });
  app.get('/oauth2/v3/certs', { config: { endpoint: 'certs' } }, async (_request, reply) => {
    reply.header('cache-control', CACHE_CONTROL);
    return { keys: [key.jwk] };
  });
};

import type { FastifyPluginAsync } from 'fastify';
import { RequestParams } from '../../request-params.js';
import type { EmulatorPluginOptions } from '../../state/state.js';
import { checkAuthorizationRequest } from '../authorization-request.js';
import { callbackUrl } from '../callback-url.js';
import { renderConsentPage } from '../consent-page.js';
import { renderErrorPage } from '../error-page.js';

/** Google's authorization endpoint, `GET /o/oauth2/v2/auth` (endpoint name `authorize`). */
export const authorizePlugin: FastifyPluginAsync<EmulatorPluginOptions> = async (app, { state }) => {
  app.get('/o/oauth2/v2/auth', { config: { endpoint: 'authorize' } }, async (request, reply) => {
    const check = checkAuthorizationRequest(state.clients, new RequestParams(request.query));
    switch (check.kind) {
      case 'error-page':
        return reply
          .code(400)
          .type('text/html; charset=utf-8')
          .send(renderErrorPage(`Error 400: ${check.error}`, check.description));
      case 'error-redirect':
        return reply.redirect(callbackUrl(check.redirectUri, { error: 'invalid_request', error_description: check.description, state: check.state }), 302);
      case 'valid': {
        const pending = state.savePendingRequest(check.request);
        return reply.type('text/html; charset=utf-8').send(
          renderConsentPage({
            requestId: pending.id,
            clientId: pending.clientId,
            email: pending.loginHint ?? '',
            scopes: pending.scopes,
            checked: new Set(pending.scopes),
          }),
        );
      }
    }
  });
};

import type { FastifyPluginAsync } from 'fastify';
import { RequestParams } from '../../request-params.js';
import type { EmulatorPluginOptions } from '../../state/state.js';
import { callbackUrl } from '../callback-url.js';
import { CONSENT_PATH, renderConsentPage } from '../consent-page.js';
import { renderErrorPage } from '../error-page.js';

const EMAIL_FORMAT = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Receives the consent form (endpoint name `consent`): approve redirects with a code and the
 * ticked scopes, deny redirects with `error=access_denied`.
 */
export const consentPlugin: FastifyPluginAsync<EmulatorPluginOptions> = async (app, { state }) => {
  app.post(CONSENT_PATH, { config: { endpoint: 'consent' } }, async (request, reply) => {
    const params = new RequestParams(request.body);
    const pending = state.pendingRequest(params.get('request') ?? '');
    const action = params.get('action');
    if (pending === undefined || (action !== 'approve' && action !== 'deny')) {
      const message = pending === undefined ? 'La solicitud de autorización no existe o ya se usó. Vuelve a la aplicación e inténtalo de nuevo.' : 'Acción no válida.';
      return reply.code(400).type('text/html; charset=utf-8').send(renderErrorPage('Error 400: invalid_request', message));
    }

    if (action === 'deny') {
      state.discardPendingRequest(pending.id);
      return reply.redirect(callbackUrl(pending.redirectUri, { error: 'access_denied', state: pending.state }), 302);
    }

    const ticked = new Set(params.getAll('scope'));
    const email = (params.get('email') ?? '').trim().toLowerCase();
    if (email.length > 254 || !EMAIL_FORMAT.test(email)) {
      return reply
        .code(400)
        .type('text/html; charset=utf-8')
        .send(
          renderConsentPage({
            requestId: pending.id,
            clientId: pending.clientId,
            email: params.get('email') ?? '',
            scopes: pending.scopes,
            checked: ticked,
            error: 'Introduce una dirección de correo electrónico válida.',
          }),
        );
    }

    state.discardPendingRequest(pending.id);
    const scopes = pending.scopes.filter((scope) => ticked.has(scope));
    const grant = state.createGrant({ email, clientId: pending.clientId, scopes, offline: pending.offline });
    const code = state.issueCode(grant, pending);
    return reply.redirect(callbackUrl(pending.redirectUri, { state: pending.state, code, scope: scopes.join(' ') }), 302);
  });
};

import type { DisconnectResponse } from '@agendo/contracts';
import type { FastifyBaseLogger } from 'fastify';
import { googleErrorCode } from './google-error-code.js';
import type { OAuthContext } from './oauth-context.js';

/**
 * Ends everything that ties a customer to a Google account: first revokes every authorization state
 * issued for them (so no outstanding link or popup, nor a callback already under way, can store a
 * connection afterwards), then deletes the tokens and revokes the grant at Google (best effort) —
 * unless another customer is connected to the same Google account: Google revokes the app's whole
 * grant for that account, which would disconnect them too, so the grant is kept and the log says why.
 * `forget` (the customer was deleted) also erases what those states held about the customer.
 */
export async function disconnectCustomer(
  { vault, states, oauthClient }: Pick<OAuthContext, 'vault' | 'states' | 'oauthClient'>,
  customerId: string,
  options: { forget: boolean; log: FastifyBaseLogger },
): Promise<DisconnectResponse> {
  const authorizationsRevoked = await states.revokeAll(customerId, { forget: options.forget });
  const [before] = await vault.statuses([customerId]);
  const sharedWith = before?.also_connected_for ?? [];
  const removed = await vault.remove(customerId);
  let revoked = false;
  const token = removed ? removed.tokens.refreshToken || removed.tokens.accessToken : '';
  if (token && sharedWith.length > 0) {
    options.log.info({ customer_id: customerId, shared_with: sharedWith }, 'grant kept at Google: other customers are connected to the same account');
  } else if (token) {
    try {
      await oauthClient.revokeToken(token);
      revoked = true;
    } catch (err) {
      options.log.warn({ customer_id: customerId, reason: googleErrorCode(err) }, 'revocation at Google failed; tokens deleted anyway');
    }
  }
  options.log.info(
    { customer_id: customerId, disconnected: removed !== undefined, revoked, authorizations_revoked: authorizationsRevoked, forgotten: options.forget },
    options.forget ? 'customer forgotten' : 'calendar disconnected',
  );
  return { customer_id: customerId, disconnected: removed !== undefined, revoked, authorizations_revoked: authorizationsRevoked };
}

import { oauthError } from '../google-errors.js';
import type { EmulatorClient } from '../options.js';
import type { RequestParams } from '../request-params.js';
import type { EmulatorState } from '../state/state.js';
import { issueTokens, type TokenOutcome } from './token-response.js';

/** `grant_type=refresh_token`: a new access token (no new refresh token) while the grant is alive. */
export function redeemRefreshToken(state: EmulatorState, client: EmulatorClient, params: RequestParams, issuer: string): TokenOutcome {
  const refreshToken = params.get('refresh_token');
  if (refreshToken === undefined || refreshToken === '') {
    return { status: 400, body: oauthError('invalid_request', 'Missing required parameter: refresh_token') };
  }
  const grant = state.activeGrantForRefreshToken(refreshToken);
  if (grant === undefined) {
    return { status: 400, body: oauthError('invalid_grant', 'Token has been expired or revoked.') };
  }
  if (grant.clientId !== client.clientId) {
    return { status: 401, body: oauthError('unauthorized_client', 'Unauthorized') };
  }
  return issueTokens(state, grant, { issuer, includeRefreshToken: false });
}

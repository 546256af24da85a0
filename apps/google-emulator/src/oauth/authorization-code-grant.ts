import { oauthError } from '../google-errors.js';
import type { EmulatorClient } from '../options.js';
import type { RequestParams } from '../request-params.js';
import type { EmulatorState } from '../state/state.js';
import { verifyS256 } from './pkce.js';
import { issueTokens, type TokenOutcome } from './token-response.js';

function failure(error: string, description: string): TokenOutcome {
  return { status: 400, body: oauthError(error, description) };
}

/** `grant_type=authorization_code`: redeems a single-use, unexpired code with its PKCE verifier. */
export function redeemAuthorizationCode(state: EmulatorState, client: EmulatorClient, params: RequestParams, issuer: string): TokenOutcome {
  const code = params.get('code');
  if (code === undefined || code === '') return failure('invalid_request', 'Missing required parameter: code');
  const redirectUri = params.get('redirect_uri');
  if (redirectUri === undefined) return failure('invalid_request', 'Missing required parameter: redirect_uri');

  const record = state.authorizationCode(code);
  if (record === undefined || record.used || record.expiresAt <= Date.now() || record.grant.revoked || record.grant.clientId !== client.clientId) {
    return failure('invalid_grant', 'Bad Request');
  }
  if (record.redirectUri !== redirectUri) return failure('redirect_uri_mismatch', 'Bad Request');
  const verifier = params.get('code_verifier');
  if (verifier === undefined || verifier === '') return failure('invalid_grant', 'Missing code verifier.');
  if (!verifyS256(verifier, record.codeChallenge)) return failure('invalid_grant', 'Invalid code verifier.');

  state.useCode(record);
  return issueTokens(state, record.grant, { issuer, includeRefreshToken: record.grant.offline, nonce: record.nonce });
}

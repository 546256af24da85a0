import type { EmulatorClient } from '../options.js';
import type { RequestParams } from '../request-params.js';
import type { PendingAuthRequest } from '../state/state.js';
import { isValidCodeChallenge } from './pkce.js';
import { parseScope } from './scopes.js';

/** Result of checking the parameters of `GET /o/oauth2/v2/auth`. */
export type AuthorizationRequestCheck =
  /** Client or redirect URI can't be trusted: show an error page, never redirect. */
  | { kind: 'error-page'; error: 'invalid_client' | 'redirect_uri_mismatch'; description: string }
  /** Bad parameters with a trusted redirect URI: redirect back with `error=invalid_request`. */
  | { kind: 'error-redirect'; redirectUri: string; state: string | undefined; description: string }
  | { kind: 'valid'; request: Omit<PendingAuthRequest, 'id'> };

/** Validates an authorization request the way Google does (plus mandatory `state` and S256 PKCE). */
export function checkAuthorizationRequest(clients: ReadonlyMap<string, EmulatorClient>, params: RequestParams): AuthorizationRequestCheck {
  const clientId = params.get('client_id') ?? '';
  const client = clients.get(clientId);
  if (client === undefined) {
    return { kind: 'error-page', error: 'invalid_client', description: `The OAuth client was not found: ${clientId}` };
  }
  const redirectUri = params.get('redirect_uri') ?? '';
  if (!client.redirectUris.includes(redirectUri)) {
    return {
      kind: 'error-page',
      error: 'redirect_uri_mismatch',
      description: `redirect_uri=${redirectUri} is not registered for client ${clientId}.`,
    };
  }
  const state = params.get('state');
  const invalid = (description: string): AuthorizationRequestCheck => ({ kind: 'error-redirect', redirectUri, state, description });

  const responseType = params.get('response_type');
  if (responseType !== 'code') return invalid(`Invalid response_type: ${responseType ?? '(missing)'}; only "code" is supported.`);
  const scopes = parseScope(params.get('scope'));
  if (scopes.length === 0) return invalid('Missing required parameter: scope');
  if (state === undefined || state === '') return invalid('Missing required parameter: state');
  const codeChallenge = params.get('code_challenge');
  if (codeChallenge === undefined) return invalid('Missing required parameter: code_challenge');
  if (!isValidCodeChallenge(codeChallenge)) return invalid('Invalid code_challenge.');
  if (params.get('code_challenge_method') !== 'S256') return invalid('Invalid code_challenge_method: only S256 is supported.');
  const accessType = params.get('access_type') ?? 'online';
  if (accessType !== 'online' && accessType !== 'offline') return invalid(`Invalid access_type: ${accessType}`);

  return {
    kind: 'valid',
    request: {
      clientId,
      redirectUri,
      state,
      scopes,
      codeChallenge,
      offline: accessType === 'offline',
      loginHint: params.get('login_hint'),
      nonce: params.get('nonce'),
    },
  };
}

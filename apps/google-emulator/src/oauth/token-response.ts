import type { OAuthErrorBody } from '../google-errors.js';
import { ACCESS_TOKEN_LIFETIME_SECONDS, type EmulatorState, type Grant } from '../state/state.js';
import { createIdToken } from './id-token.js';
import { includesOpenIdScope } from './scopes.js';

/** Successful body of `POST /token`, in Google's shape. */
export interface TokenResponse {
  access_token: string;
  expires_in: number;
  refresh_token?: string;
  scope: string;
  token_type: 'Bearer';
  id_token?: string;
}

/** What a grant handler answers: Google's token JSON or its error JSON. */
export type TokenOutcome = { status: 200; body: TokenResponse } | { status: 400 | 401; body: OAuthErrorBody };

/** How to issue tokens for one token request. */
export interface TokenIssuance {
  issuer: string;
  includeRefreshToken: boolean;
  nonce?: string | undefined;
}

/** Issues a new access token for `grant` (plus refresh and ID tokens when due) as a 200 outcome. */
export function issueTokens(state: EmulatorState, grant: Grant, issuance: TokenIssuance): TokenOutcome {
  const body: TokenResponse = {
    access_token: state.issueAccessToken(grant).token,
    expires_in: ACCESS_TOKEN_LIFETIME_SECONDS,
    ...(issuance.includeRefreshToken ? { refresh_token: state.refreshTokenOf(grant) } : {}),
    scope: grant.scopes.join(' '),
    token_type: 'Bearer',
  };
  if (includesOpenIdScope(grant.scopes)) {
    body.id_token = createIdToken(state.signingKey, {
      issuer: issuance.issuer,
      clientId: grant.clientId,
      email: grant.email,
      scopes: grant.scopes,
      nonce: issuance.nonce,
    });
  }
  return { status: 200, body };
}

import { OAuth2Client } from 'google-auth-library';
import type { Config } from '../config.js';

/**
 * Creates the `google-auth-library` client for the configured Google, or for the stand-in when
 * `GOOGLE_OAUTH_BASE_URL` is set (same wire format, other endpoints and issuer).
 */
export function createOAuthClient(config: Config): OAuth2Client {
  const { clientId, clientSecret, redirectUri, oauthBaseUrl } = config.google;
  if (!oauthBaseUrl) return new OAuth2Client({ clientId, clientSecret, redirectUri });
  return new OAuth2Client({
    clientId,
    clientSecret,
    redirectUri,
    issuers: [oauthBaseUrl],
    endpoints: {
      oauth2AuthBaseUrl: `${oauthBaseUrl}/o/oauth2/v2/auth`,
      oauth2TokenUrl: `${oauthBaseUrl}/token`,
      oauth2RevokeUrl: `${oauthBaseUrl}/revoke`,
      oauth2FederatedSignonPemCertsUrl: `${oauthBaseUrl}/oauth2/v1/certs`,
      oauth2FederatedSignonJwkCertsUrl: `${oauthBaseUrl}/oauth2/v3/certs`,
      tokenInfoUrl: `${oauthBaseUrl}/tokeninfo`,
    },
  });
}

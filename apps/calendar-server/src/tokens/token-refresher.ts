import type { Config } from '../config.js';
import { createOAuthClient } from '../oauth/google-oauth-client.js';

/** New tokens from a refresh; Google may rotate the refresh token, usually it does not. */
export interface RefreshedTokens {
  readonly accessToken: string;
  readonly expiryDate: number | null;
  readonly refreshToken: string | undefined;
}

/** Exchanges a refresh token for a new access token. Rejects with Google's error (e.g. `invalid_grant`). */
export type TokenRefresher = (refreshToken: string) => Promise<RefreshedTokens>;

/** The refresher that talks to Google (or the stand-in) through `google-auth-library`. */
export function googleTokenRefresher(config: Config): TokenRefresher {
  return async (refreshToken) => {
    const client = createOAuthClient(config);
    client.setCredentials({ refresh_token: refreshToken });
    const { token } = await client.getAccessToken();
    if (!token) throw new Error('Google returned no access token on refresh');
    const { expiry_date, refresh_token } = client.credentials;
    return { accessToken: token, expiryDate: expiry_date ?? null, refreshToken: refresh_token && refresh_token !== refreshToken ? refresh_token : undefined };
  };
}

import type { OAuth2Client } from 'google-auth-library';
import type { Config } from '../config.js';
import type { TokenVault } from '../vault/token-vault.js';
import type { PendingAuthorizations } from './pending-authorizations.js';

/** What the OAuth routes need: configuration, the Google client, pending states and the vault. */
export interface OAuthContext {
  readonly config: Config;
  readonly oauthClient: OAuth2Client;
  readonly states: PendingAuthorizations;
  readonly vault: TokenVault;
}

import type { FastifyBaseLogger, FastifyPluginAsync } from 'fastify';
import type { OAuth2Client } from 'google-auth-library';
import { z } from 'zod';
import { describeTokenDatabase } from '../db/token-database.js';
import { tokenDatabaseFailure } from '../db/token-database-error.js';
import { AuthorizationRevokedError, MissingRefreshTokenError } from '../vault/token-vault.js';
import { missingCalendarScopes } from './calendar-scopes.js';
import { type CallbackOutcome, renderCallbackPage } from './callback-page.js';
import { googleErrorCode } from './google-error-code.js';
import type { OAuthContext } from './oauth-context.js';

const callbackQuerySchema = z.object({
  state: z.string().min(1).max(512),
  code: z.string().min(1).max(2048).optional(),
  error: z.string().min(1).max(200).optional(),
  scope: z.string().max(4096).optional(),
});

/**
 * `GET /oauth/callback`: where Google sends the browser back. Stores tokens only when the state is
 * valid, unused and unexpired, Google granted the Calendar scopes, and the account's email is the one
 * the customer was registered with. Every outcome is a Spanish page; refusals store nothing.
 */
export const callbackRoute: FastifyPluginAsync<OAuthContext> = async (app, context) => {
  app.get('/oauth/callback', async (request, reply) => {
    let outcome: CallbackOutcome;
    try {
      outcome = await complete(context, request.query, request.log);
    } catch (err) {
      const failure = tokenDatabaseFailure(err, describeTokenDatabase({ file: context.config.tokenDbPath, url: context.config.databaseUrl }));
      if (!failure) throw err;
      request.log.error({ code: failure.code, file: failure.file, reason: (failure.cause as Error | undefined)?.message }, 'token database failure');
      outcome = { kind: 'storage_unavailable' };
    }
    const page = renderCallbackPage(outcome, context.config.adminOrigin);
    request.log.info({ outcome: outcome.kind, customer_id: 'customerId' in outcome ? outcome.customerId : undefined }, 'authorization callback');
    return reply
      .code(page.status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', page.csp)
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer')
      .send(page.html);
  });
};

async function complete(context: OAuthContext, query: unknown, log: FastifyBaseLogger): Promise<CallbackOutcome> {
  const parsed = callbackQuerySchema.safeParse(query);
  if (!parsed.success) return { kind: 'invalid_request' };
  const { state, code, error } = parsed.data;

  const consumed = await context.states.consume(state);
  if (!consumed.ok) {
    if (consumed.reason === 'revoked') return { kind: 'state_revoked', customerId: consumed.customerId };
    return { kind: `state_${consumed.reason}` };
  }
  const { customerId, expectedEmail, codeVerifier } = consumed.authorization;

  if (error === 'access_denied') return { kind: 'access_denied', customerId };
  if (error) return { kind: 'google_error', customerId, error };
  if (!code) return { kind: 'invalid_request' };

  const { oauthClient, config } = context;
  let tokens;
  try {
    ({ tokens } = await oauthClient.getToken({ code, codeVerifier, redirect_uri: config.google.redirectUri }));
  } catch (err) {
    log.warn({ customer_id: customerId, reason: googleErrorCode(err) }, 'authorization code exchange failed');
    return { kind: 'exchange_failed', customerId };
  }
  if (!tokens.access_token) return { kind: 'exchange_failed', customerId };
  const refuse = async (outcome: CallbackOutcome): Promise<CallbackOutcome> => {
    await revokeQuietly(oauthClient, tokens.refresh_token ?? tokens.access_token ?? '', log);
    return outcome;
  };

  const granted = (tokens.scope ?? '').split(/\s+/).filter((s) => s !== '');
  if (missingCalendarScopes(granted).length > 0) return refuse({ kind: 'scope_missing', customerId });

  const account = await verifiedAccount(oauthClient, tokens.id_token, config.google.clientId, log);
  if (!account) return refuse({ kind: 'email_unverified', customerId });
  const { email, sub } = account;
  if (email.toLowerCase() !== expectedEmail.trim().toLowerCase()) {
    return refuse({ kind: 'email_mismatch', customerId, expected: expectedEmail, actual: email });
  }

  try {
    await context.vault.connect({
      customerId,
      email,
      googleSub: sub,
      scopes: granted,
      authorizedByState: consumed.stateHash,
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
      expiryDate: tokens.expiry_date,
    });
  } catch (err) {
    if (err instanceof MissingRefreshTokenError) return refuse({ kind: 'no_refresh_token', customerId });
    if (err instanceof AuthorizationRevokedError) return refuse({ kind: 'state_revoked', customerId });
    throw err;
  }
  return { kind: 'connected', customerId, email };
}

/** The account (`sub`) and email in Google's signed id_token, when the signature, audience, issuer and expiry check out. */
async function verifiedAccount(
  client: OAuth2Client,
  idToken: string | null | undefined,
  audience: string,
  log: FastifyBaseLogger,
): Promise<{ email: string; sub: string } | undefined> {
  if (!idToken) return undefined;
  try {
    const payload = (await client.verifyIdToken({ idToken, audience })).getPayload();
    return payload?.email && payload.sub && payload.email_verified !== false ? { email: payload.email, sub: payload.sub } : undefined;
  } catch (err) {
    log.warn({ reason: (err as Error).message }, 'id_token verification failed');
    return undefined;
  }
}

async function revokeQuietly(client: OAuth2Client, token: string, log: FastifyBaseLogger): Promise<void> {
  if (!token) return;
  try {
    await client.revokeToken(token);
  } catch (err) {
    log.warn({ reason: googleErrorCode(err) }, 'could not revoke a refused grant');
  }
}

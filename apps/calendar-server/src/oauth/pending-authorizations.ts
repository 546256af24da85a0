import { createHash, randomBytes } from 'node:crypto';
import type { TokenDatabase } from '../db/token-database.js';

/** A pending authorization as created for `POST /oauth/authorize`. */
export interface PendingAuthorization {
  readonly customerId: string;
  readonly expectedEmail: string;
  readonly codeVerifier: string;
  readonly expiresAt: string;
}

/** Why a `state` was refused at the callback (`revoked`: the customer was disconnected or deleted since). */
export type StateRefusal = 'unknown' | 'used' | 'expired' | 'revoked';

/**
 * A state lookup: the authorization it opened (and the state's hash, which the vault checks again when
 * storing), or why it was refused, with the customer when the state is known.
 */
export type ConsumedState =
  | { ok: true; authorization: PendingAuthorization; stateHash: string }
  | { ok: false; reason: 'revoked'; customerId: string }
  | { ok: false; reason: Exclude<StateRefusal, 'revoked'> };

const hashState = (state: string): string => createHash('sha256').update(state).digest('hex');

/**
 * Single-use, expiring OAuth `state` values bound to one customer. Only the state's SHA-256 is
 * stored, so a leaked database cannot complete anyone's authorization.
 */
export class PendingAuthorizations {
  readonly #db: TokenDatabase;

  constructor(db: TokenDatabase) {
    this.#db = db;
  }

  /** Creates a new random state for `authorization`; returns the state to put in the URL. */
  async create(authorization: PendingAuthorization, now = new Date()): Promise<string> {
    const state = randomBytes(32).toString('base64url');
    await this.#db
      .deleteFrom('oauth_states')
      .where('expires_at', '<', new Date(now.getTime() - 24 * 3600_000).toISOString())
      .execute();
    await this.#db
      .insertInto('oauth_states')
      .values({
        state_hash: hashState(state),
        customer_id: authorization.customerId,
        expected_email: authorization.expectedEmail,
        code_verifier: authorization.codeVerifier,
        created_at: now.toISOString(),
        expires_at: authorization.expiresAt,
        used_at: null,
      })
      .execute();
    return state;
  }

  /** Marks `state` used, atomically, and returns its authorization, or why it cannot be used. */
  async consume(state: string, now = new Date()): Promise<ConsumedState> {
    const stateHash = hashState(state);
    const nowIso = now.toISOString();
    const claimed = await this.#db
      .updateTable('oauth_states')
      .set({ used_at: nowIso })
      .where('state_hash', '=', stateHash)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', nowIso)
      .returningAll()
      .executeTakeFirst();
    if (claimed) {
      return {
        ok: true,
        stateHash,
        authorization: {
          customerId: claimed.customer_id,
          expectedEmail: claimed.expected_email,
          codeVerifier: claimed.code_verifier,
          expiresAt: claimed.expires_at,
        },
      };
    }
    const row = await this.#db.selectFrom('oauth_states').select(['customer_id', 'used_at', 'revoked_at']).where('state_hash', '=', stateHash).executeTakeFirst();
    if (!row) return { ok: false, reason: 'unknown' };
    if (row.revoked_at) return { ok: false, reason: 'revoked', customerId: row.customer_id };
    return { ok: false, reason: row.used_at ? 'used' : 'expired' };
  }

  /**
   * Revokes every state issued for the customer so far, used ones included (a callback may be between
   * claiming its state and storing the tokens). With `forget`, also erases what they held about the
   * customer (expected email, PKCE verifier); the rows stay, so an old link is answered "no longer
   * valid", until the usual clean-up. Returns how many were still outstanding (unused, unexpired).
   */
  async revokeAll(customerId: string, options: { forget?: boolean } = {}, now = new Date()): Promise<number> {
    const nowIso = now.toISOString();
    const revoked = await this.#db
      .updateTable('oauth_states')
      .set({ revoked_at: nowIso })
      .where('customer_id', '=', customerId)
      .where('revoked_at', 'is', null)
      .returning(['used_at', 'expires_at'])
      .execute();
    if (options.forget) {
      await this.#db.updateTable('oauth_states').set({ expected_email: '', code_verifier: '' }).where('customer_id', '=', customerId).execute();
    }
    return revoked.filter((r) => r.used_at === null && r.expires_at > nowIso).length;
  }
}

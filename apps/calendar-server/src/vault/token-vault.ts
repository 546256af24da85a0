import type { ConnectionStatus } from '@agendo/contracts';
import type { ChangeFeed } from '@agendo/database';
import { type Selectable, sql } from 'kysely';
import type { ConnectionsTable } from '../db/schema.js';
import type { TokenDatabase } from '../db/token-database.js';
import { DecryptionError, type TokenCipher } from './token-cipher.js';

/** OAuth tokens of one customer, as kept encrypted in the vault. */
export interface OAuthTokens {
  readonly accessToken: string;
  readonly refreshToken: string;
  /** Access token expiry, epoch milliseconds. */
  readonly expiryDate: number | null;
}

/** What a successful authorization brings; Google may omit the refresh token on a reconnection. */
export interface NewConnection {
  readonly customerId: string;
  readonly email: string;
  /** The Google account's `sub` from the verified id_token. */
  readonly googleSub?: string | null;
  /** The calendar the tools use; `primary` when not given. */
  readonly calendarId?: string;
  readonly scopes: readonly string[];
  /**
   * The SHA-256 of the OAuth state this connection was authorized with: it is stored only if that
   * state was not revoked meanwhile (the customer disconnected or deleted while the callback ran).
   */
  readonly authorizedByState?: string;
  readonly accessToken: string;
  readonly refreshToken: string | null | undefined;
  readonly expiryDate: number | null | undefined;
}

/** A stored connection with its tokens decrypted. */
export interface Connection {
  readonly customerId: string;
  readonly email: string;
  /**
   * The Google account's stable id (`sub`), which every customer connected to that account shares;
   * null for connections stored before it was kept (key by the email then).
   */
  readonly googleSub: string | null;
  /** The Google calendar the tools use (`primary`). */
  readonly calendarId: string;
  readonly scopes: string[];
  readonly status: 'connected' | 'needs_reauth';
  readonly tokens: OAuthTokens;
}

/** Thrown when a first connection arrives without a refresh token (nothing is stored). */
export class MissingRefreshTokenError extends Error {
  override readonly name = 'MissingRefreshTokenError';
}

/** Thrown when the authorization a connection came with was revoked before it could be stored (nothing is stored). */
export class AuthorizationRevokedError extends Error {
  override readonly name = 'AuthorizationRevokedError';
  readonly code = 'authorization_revoked';
}

/** Thrown at start when the data on disk cannot be read with the configured keys. */
export class VaultKeyMismatchError extends Error {
  override readonly name = 'VaultKeyMismatchError';
}

/** The change feed channel of connection changes; the payload is the customer id (empty: any may have changed). */
export const CONNECTIONS_CHANNEL = 'connections';

/** Called after a customer's connection changed; `undefined`: any connection may have changed. */
export type ConnectionChangeListener = (customerId: string | undefined) => void;

/** What a vault is told beyond its database and cipher. */
export interface TokenVaultOptions {
  /**
   * Where connection changes are published to every replica (PostgreSQL), so each drops the tokens
   * it decrypted and cached; unset: the listeners of this process only.
   */
  readonly changes?: ChangeFeed;
  /** Where a change that could not be published is reported. */
  readonly onPublishFailure?: (customerId: string, err: unknown) => void;
}

const associatedData = (customerId: string): string => `agendo:connection:v1:${customerId}`;

/**
 * The encrypted token vault. Every record's tokens are sealed with AES-256-GCM and the customer_id as
 * associated data, so a record copied onto another customer does not decrypt.
 */
export class TokenVault {
  readonly #db: TokenDatabase;
  readonly #cipher: TokenCipher;
  readonly #listeners: ConnectionChangeListener[] = [];
  readonly #changes: ChangeFeed | undefined;
  readonly #onPublishFailure: (customerId: string, err: unknown) => void;
  #unsubscribe: (() => void) | undefined;

  constructor(db: TokenDatabase, cipher: TokenCipher, options: TokenVaultOptions = {}) {
    this.#db = db;
    this.#cipher = cipher;
    this.#changes = options.changes;
    this.#onPublishFailure = options.onPublishFailure ?? (() => undefined);
  }

  /**
   * Calls `listener` after any change to a customer's connection (so caches can drop it) — made by
   * this process, or, with a change feed, by any replica (the changing one hears it twice).
   */
  onChange(listener: ConnectionChangeListener): void {
    this.#listeners.push(listener);
  }

  /** Starts hearing the other replicas' changes (with a change feed); call once before serving. */
  async listen(): Promise<void> {
    if (!this.#changes || this.#unsubscribe) return;
    this.#unsubscribe = await this.#changes.subscribe(CONNECTIONS_CHANNEL, (payload) => this.#notify(payload === '' ? undefined : payload));
  }

  /** Stops hearing the other replicas. */
  close(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  #notify(customerId: string | undefined): void {
    for (const listener of this.#listeners) listener(customerId);
  }

  /** Tells this process's listeners at once, then every replica before the change is answered. */
  async #changed(customerId: string): Promise<void> {
    this.#notify(customerId);
    if (!this.#changes) return;
    try {
      await this.#changes.publish(CONNECTIONS_CHANNEL, customerId);
    } catch (err) {
      // The change is committed; if PostgreSQL is unreachable, every replica's feed reconnects and drops everything.
      this.#onPublishFailure(customerId, err);
    }
  }

  /**
   * Stores (or replaces, in one transaction) a customer's connection. A reconnection without a new
   * refresh token keeps the previous one; a first connection without one is refused, and so is one
   * whose authorization (`authorizedByState`) was revoked meanwhile.
   */
  async connect(connection: NewConnection): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      if (connection.authorizedByState !== undefined) {
        const state = await trx.selectFrom('oauth_states').select('revoked_at').where('state_hash', '=', connection.authorizedByState).executeTakeFirst();
        if (!state || state.revoked_at) {
          throw new AuthorizationRevokedError(`the authorization for customer ${connection.customerId} was revoked before it completed`);
        }
      }
      const previous = await trx.selectFrom('connections').selectAll().where('customer_id', '=', connection.customerId).executeTakeFirst();
      const refreshToken = connection.refreshToken || (previous ? this.#decrypt(previous).refreshToken : undefined);
      if (!refreshToken) {
        throw new MissingRefreshTokenError(`Google returned no refresh token for customer ${connection.customerId}`);
      }
      const now = new Date().toISOString();
      const sealed = this.#seal(connection.customerId, {
        accessToken: connection.accessToken,
        refreshToken,
        expiryDate: connection.expiryDate ?? null,
      });
      const row = {
        email: connection.email,
        google_sub: connection.googleSub ?? null,
        calendar_id: connection.calendarId ?? 'primary',
        scopes: connection.scopes.join(' '),
        status: 'connected' as const,
        key_id: sealed.keyId,
        nonce: sealed.nonce,
        ciphertext: sealed.ciphertext,
        connected_at: now,
        updated_at: now,
      };
      await trx
        .insertInto('connections')
        .values({ customer_id: connection.customerId, ...row })
        .onConflict((oc) => oc.column('customer_id').doUpdateSet(row))
        .execute();
    });
    await this.#changed(connection.customerId);
  }

  /** The connection status of a customer; `not_connected` when there is none. */
  async status(customerId: string): Promise<ConnectionStatus> {
    const [status] = await this.statuses([customerId]);
    if (!status) throw new Error(`no status for ${customerId}`);
    return status;
  }

  /**
   * The statuses of several customers, in the order asked. Each tells `also_connected_for`: the other
   * customers connected to the same Google account (same `sub`, or the same email where a row has no `sub`).
   */
  async statuses(customerIds: readonly string[]): Promise<ConnectionStatus[]> {
    if (customerIds.length === 0) return [];
    const rows = await this.#db
      .selectFrom('connections')
      .select(['customer_id', 'email', 'google_sub', 'scopes', 'status', 'connected_at'])
      .where('customer_id', 'in', customerIds)
      .execute();
    const subs = [...new Set(rows.flatMap((r) => (r.google_sub ? [r.google_sub] : [])))];
    const emails = [...new Set(rows.map((r) => r.email.toLowerCase()))];
    const sharing =
      rows.length === 0
        ? []
        : await this.#db
            .selectFrom('connections')
            .select(['customer_id', 'email', 'google_sub'])
            .where((eb) => eb.or([...(subs.length > 0 ? [eb('google_sub', 'in', subs)] : []), eb(sql<string>`lower(email)`, 'in', emails)]))
            .orderBy('customer_id')
            .execute();
    const byId = new Map(rows.map((r) => [r.customer_id, r]));
    return customerIds.map((id) => {
      const row = byId.get(id);
      if (!row) return { customer_id: id, status: 'not_connected', email: null, scopes: [], connected_at: null, also_connected_for: [] };
      const others = sharing.filter((o) => o.customer_id !== id && sameAccount(row, o)).map((o) => o.customer_id);
      return {
        customer_id: id,
        status: row.status,
        email: row.email,
        scopes: splitScopes(row.scopes),
        connected_at: row.connected_at,
        also_connected_for: others,
      };
    });
  }

  /** The connection with decrypted tokens, or undefined when the customer has none. */
  async get(customerId: string): Promise<Connection | undefined> {
    const row = await this.#db.selectFrom('connections').selectAll().where('customer_id', '=', customerId).executeTakeFirst();
    if (!row) return undefined;
    return { ...describe(row), tokens: this.#decrypt(row) };
  }

  /** Replaces the tokens of an existing connection (after a refresh); false when it no longer exists. */
  async updateTokens(customerId: string, tokens: OAuthTokens): Promise<boolean> {
    const sealed = this.#seal(customerId, tokens);
    const result = await this.#db
      .updateTable('connections')
      .set({ key_id: sealed.keyId, nonce: sealed.nonce, ciphertext: sealed.ciphertext, status: 'connected', updated_at: new Date().toISOString() })
      .where('customer_id', '=', customerId)
      .executeTakeFirst();
    await this.#changed(customerId);
    return result.numUpdatedRows > 0n;
  }

  /** Marks a connection whose grant Google no longer honours (`invalid_grant`). */
  async markNeedsReauth(customerId: string): Promise<void> {
    await this.#db.updateTable('connections').set({ status: 'needs_reauth', updated_at: new Date().toISOString() }).where('customer_id', '=', customerId).execute();
    await this.#changed(customerId);
  }

  /** Deletes a connection and returns what it held (so the caller can revoke it), if any. */
  async remove(customerId: string): Promise<Connection | undefined> {
    const removed = await this.#db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('connections').selectAll().where('customer_id', '=', customerId).executeTakeFirst();
      if (!row) return undefined;
      await trx.deleteFrom('connections').where('customer_id', '=', customerId).execute();
      let tokens: OAuthTokens;
      try {
        tokens = this.#decrypt(row);
      } catch {
        tokens = { accessToken: '', refreshToken: '', expiryDate: null };
      }
      return { ...describe(row), tokens };
    });
    await this.#changed(customerId);
    return removed;
  }

  /**
   * Start-up check: every record must be sealed under a configured key, and one record per key id must
   * open. Throws {@link VaultKeyMismatchError} with what to do, rather than losing data silently.
   */
  async verifyKeys(): Promise<void> {
    const keyIds = await this.#db.selectFrom('connections').select('key_id').distinct().execute();
    for (const { key_id } of keyIds) {
      const count = await this.#db
        .selectFrom('connections')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('key_id', '=', key_id)
        .executeTakeFirstOrThrow();
      const hint =
        `the token database holds ${Number(count.n)} connection(s) encrypted with key id ${key_id}, which is neither ` +
        `TOKEN_ENCRYPTION_KEY (key id ${this.#cipher.current.id}) nor in TOKEN_ENCRYPTION_KEYS_PREVIOUS. ` +
        'Start with the key those tokens were written with (add it to TOKEN_ENCRYPTION_KEYS_PREVIOUS when rotating).';
      if (!this.#cipher.knows(key_id)) throw new VaultKeyMismatchError(hint);
      const sample = await this.#db.selectFrom('connections').selectAll().where('key_id', '=', key_id).limit(1).executeTakeFirstOrThrow();
      try {
        this.#decrypt(sample);
      } catch (error) {
        throw new VaultKeyMismatchError(`connection ${sample.customer_id} under key id ${key_id} does not decrypt: ${(error as Error).message}`);
      }
    }
  }

  /**
   * Re-encrypts every record that is not under the current key, in batches, each batch in one
   * transaction. Reports progress after each batch.
   */
  async rotate(onProgress: (done: number, total: number) => void = () => {}): Promise<{ rotated: number; total: number }> {
    const current = this.#cipher.current.id;
    const { n } = await this.#db
      .selectFrom('connections')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('key_id', '!=', current)
      .executeTakeFirstOrThrow();
    // PostgreSQL counts in bigint, which `pg` hands back as text.
    const total = Number(n);
    let rotated = 0;
    for (;;) {
      const batch = await this.#db.selectFrom('connections').selectAll().where('key_id', '!=', current).limit(200).execute();
      if (batch.length === 0) break;
      await this.#db.transaction().execute(async (trx) => {
        for (const row of batch) {
          const sealed = this.#seal(row.customer_id, this.#decrypt(row));
          await trx
            .updateTable('connections')
            .set({ key_id: sealed.keyId, nonce: sealed.nonce, ciphertext: sealed.ciphertext })
            .where('customer_id', '=', row.customer_id)
            .where('key_id', '=', row.key_id)
            .execute();
        }
      });
      rotated += batch.length;
      onProgress(rotated, total);
    }
    return { rotated, total };
  }

  #seal(customerId: string, tokens: OAuthTokens) {
    return this.#cipher.seal(JSON.stringify(tokens), associatedData(customerId));
  }

  #decrypt(row: Pick<ConnectionsTable, 'customer_id' | 'key_id' | 'nonce' | 'ciphertext'>): OAuthTokens {
    const json = this.#cipher.open({ keyId: row.key_id, nonce: row.nonce, ciphertext: row.ciphertext }, associatedData(row.customer_id));
    const value = JSON.parse(json) as OAuthTokens;
    if (typeof value.accessToken !== 'string' || typeof value.refreshToken !== 'string') {
      throw new DecryptionError(`connection ${row.customer_id} holds an unexpected token record`);
    }
    return value;
  }
}

function describe(row: Selectable<ConnectionsTable>): Omit<Connection, 'tokens'> {
  return {
    customerId: row.customer_id,
    email: row.email,
    googleSub: row.google_sub,
    calendarId: row.calendar_id,
    scopes: splitScopes(row.scopes),
    status: row.status,
  };
}

/** Whether two connections reach the same Google account: by `sub` when both have one, else by email. */
function sameAccount(a: Pick<ConnectionsTable, 'email' | 'google_sub'>, b: Pick<ConnectionsTable, 'email' | 'google_sub'>): boolean {
  if (a.google_sub && b.google_sub) return a.google_sub === b.google_sub;
  return a.email.toLowerCase() === b.email.toLowerCase();
}

function splitScopes(scopes: string): string[] {
  return scopes.split(/\s+/).filter((s) => s !== '');
}

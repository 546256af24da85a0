import { CalendarStore } from '../calendar/calendar-store.js';
import { PushChannels } from '../calendar/push-channels.js';
import { FaultQueue } from '../control/fault-queue.js';
import { RequestCounts } from '../control/request-counts.js';
import { newAccessToken, newAuthorizationCode, newOpaqueId, newRefreshToken } from '../oauth/random-tokens.js';
import { SigningKey } from '../oauth/signing-key.js';
import type { EmulatorClient } from '../options.js';
import { STATE_DOCUMENT_VERSION, type StateDocument } from './state-document.js';

/** Lifetime announced (`expires_in`) and enforced for access tokens. */
export const ACCESS_TOKEN_LIFETIME_SECONDS = 3599;

/** Lifetime of an authorization code. */
export const AUTHORIZATION_CODE_LIFETIME_MS = 10 * 60 * 1000;

/** A validated authorization request waiting for the user's decision on the consent page. */
export interface PendingAuthRequest {
  id: string;
  clientId: string;
  redirectUri: string;
  state: string;
  /** Requested scopes, in request order. */
  scopes: string[];
  codeChallenge: string;
  /** `access_type=offline`: the code exchange also returns a refresh token. */
  offline: boolean;
  loginHint?: string | undefined;
  nonce?: string | undefined;
}

/** One consent given by one user to one client; tokens issued from it die with it. */
export interface Grant {
  id: string;
  /** Lower-cased email the user typed on the consent page. */
  email: string;
  clientId: string;
  /** Scopes the user left ticked. */
  scopes: string[];
  offline: boolean;
  refreshToken?: string;
  revoked: boolean;
  createdAt: number;
}

/** A single-use authorization code. */
export interface AuthorizationCode {
  grant: Grant;
  redirectUri: string;
  codeChallenge: string;
  nonce?: string | undefined;
  expiresAt: number;
  used: boolean;
}

/** An issued access token. */
export interface AccessToken {
  token: string;
  grant: Grant;
  expiresAt: number;
}

/** Debug counts returned by `/__emulator/state`. */
export interface StateSummary {
  clients: number;
  users: number;
  grants: number;
  activeGrants: number;
  pendingRequests: number;
  unusedCodes: number;
  liveAccessTokens: number;
  calendars: number;
  /** Events of every calendar, cancelled ones included. */
  events: number;
  /** Live push notification channels (`events.watch`). */
  channels: number;
}

/** How to create an {@link EmulatorState}. */
export interface EmulatorStateOptions {
  /** State to start with, read from a state file; absent → empty, with a new signing key. */
  restore?: StateDocument;
  /**
   * Called synchronously after every change worth keeping across a restart (not request counts or
   * faults), so that a state file can be written; see `persistent-state.ts`.
   */
  onChange?: () => void;
}

/** Options every feature plugin receives. */
export interface EmulatorPluginOptions {
  state: EmulatorState;
}

/**
 * All state of one emulator: registered clients, signing key, grants and tokens, calendars, counters
 * and faults. It lives in memory; with a state file, it starts from a {@link StateDocument} and
 * reports each change through `onChange` (see `persistent-state.ts`).
 */
export class EmulatorState {
  readonly clients: ReadonlyMap<string, EmulatorClient>;
  readonly signingKey: SigningKey;
  readonly counts = new RequestCounts();
  readonly faults = new FaultQueue();
  readonly calendars: CalendarStore;
  readonly channels: PushChannels;
  readonly #pending = new Map<string, PendingAuthRequest>();
  readonly #codes = new Map<string, AuthorizationCode>();
  readonly #grants: Grant[] = [];
  readonly #accessTokens = new Map<string, AccessToken>();
  readonly #refreshTokens = new Map<string, Grant>();
  readonly #changed: () => void;

  constructor(clients: readonly EmulatorClient[], options: EmulatorStateOptions = {}) {
    const byId = new Map<string, EmulatorClient>();
    for (const client of clients) {
      if (byId.has(client.clientId)) throw new Error(`Duplicate emulator client: ${client.clientId}`);
      byId.set(client.clientId, { ...client, redirectUris: [...client.redirectUris] });
    }
    this.clients = byId;
    this.#changed = options.onChange ?? (() => {});
    const { restore } = options;
    this.signingKey = restore === undefined ? SigningKey.generate() : SigningKey.fromPrivateJwk(restore.signingKey);
    // Channels whose grant is unknown or revoked are not restored.
    const activeGrantIds = new Set(restore?.grants.filter((grant) => !grant.revoked).map((grant) => grant.id));
    this.channels = new PushChannels({
      onChange: this.#changed,
      restore: (restore?.channels ?? []).filter((channel) => activeGrantIds.has(channel.grantId)),
    });
    this.calendars = new CalendarStore({
      onChange: this.#changed,
      onEventsChange: (email) => this.channels.notifyChange(email),
      ...(restore === undefined ? {} : { restore: restore.calendars }),
    });
    if (restore !== undefined) this.#restore(restore);
  }

  /** Everything worth keeping across a restart, for the state file (serialize at once: records are shared). */
  snapshot(): StateDocument {
    const now = Date.now();
    return {
      version: STATE_DOCUMENT_VERSION,
      savedAt: new Date(now).toISOString(),
      signingKey: this.signingKey.toPrivateJwk(),
      pendingRequests: [...this.#pending.values()],
      grants: [...this.#grants],
      authorizationCodes: [...this.#codes.entries()]
        .filter(([, code]) => !code.used && !code.grant.revoked && code.expiresAt > now)
        .map(([code, record]) => ({
          code,
          grantId: record.grant.id,
          redirectUri: record.redirectUri,
          codeChallenge: record.codeChallenge,
          nonce: record.nonce,
          expiresAt: record.expiresAt,
        })),
      accessTokens: [...this.#accessTokens.values()]
        .filter((accessToken) => this.liveAccessToken(accessToken.token) !== undefined)
        .map((accessToken) => ({ token: accessToken.token, grantId: accessToken.grant.id, expiresAt: accessToken.expiresAt })),
      calendars: this.calendars.snapshot(),
      channels: this.channels.snapshot(),
    };
  }

  #restore(document: StateDocument): void {
    const grants = new Map<string, Grant>();
    for (const grant of document.grants) {
      const restored = { ...grant, scopes: [...grant.scopes] };
      grants.set(restored.id, restored);
      this.#grants.push(restored);
      if (restored.refreshToken !== undefined) this.#refreshTokens.set(restored.refreshToken, restored);
    }
    const grantOf = (id: string): Grant => {
      const grant = grants.get(id);
      if (grant === undefined) throw new Error(`State document refers to an unknown grant: ${id}`);
      return grant;
    };
    for (const request of document.pendingRequests) this.#pending.set(request.id, { ...request, scopes: [...request.scopes] });
    for (const { code, grantId, ...record } of document.authorizationCodes) {
      this.#codes.set(code, { ...record, grant: grantOf(grantId), used: false });
    }
    for (const { token, grantId, expiresAt } of document.accessTokens) {
      this.#accessTokens.set(token, { token, grant: grantOf(grantId), expiresAt });
    }
  }

  /** Forgets every pending request, code, grant, token, calendar, channel, count and fault (clients and key stay). */
  reset(): void {
    this.#pending.clear();
    this.#codes.clear();
    this.#grants.length = 0;
    this.#accessTokens.clear();
    this.#refreshTokens.clear();
    this.counts.clear();
    this.faults.clear();
    this.calendars.clear();
    this.channels.clear();
    this.#changed();
  }

  savePendingRequest(request: Omit<PendingAuthRequest, 'id'>): PendingAuthRequest {
    const pending = { ...request, id: newOpaqueId() };
    this.#pending.set(pending.id, pending);
    this.#changed();
    return pending;
  }

  pendingRequest(id: string): PendingAuthRequest | undefined {
    return this.#pending.get(id);
  }

  discardPendingRequest(id: string): void {
    if (this.#pending.delete(id)) this.#changed();
  }

  createGrant(grant: Pick<Grant, 'email' | 'clientId' | 'scopes' | 'offline'>): Grant {
    const created: Grant = { ...grant, email: grant.email.toLowerCase(), id: newOpaqueId(), revoked: false, createdAt: Date.now() };
    this.#grants.push(created);
    this.#changed();
    return created;
  }

  /** Issues the authorization code that lets the client redeem `grant`. */
  issueCode(grant: Grant, request: PendingAuthRequest): string {
    const code = newAuthorizationCode();
    this.#codes.set(code, {
      grant,
      redirectUri: request.redirectUri,
      codeChallenge: request.codeChallenge,
      nonce: request.nonce,
      expiresAt: Date.now() + AUTHORIZATION_CODE_LIFETIME_MS,
      used: false,
    });
    this.#changed();
    return code;
  }

  authorizationCode(code: string): AuthorizationCode | undefined {
    return this.#codes.get(code);
  }

  /** Marks a code redeemed: it never works again. */
  useCode(code: AuthorizationCode): void {
    code.used = true;
    this.#changed();
  }

  issueAccessToken(grant: Grant): AccessToken {
    const accessToken = { token: newAccessToken(), grant, expiresAt: Date.now() + ACCESS_TOKEN_LIFETIME_SECONDS * 1000 };
    this.#accessTokens.set(accessToken.token, accessToken);
    this.#changed();
    return accessToken;
  }

  /** The grant's refresh token, created on first call. */
  refreshTokenOf(grant: Grant): string {
    if (grant.refreshToken === undefined) {
      grant.refreshToken = newRefreshToken();
      this.#refreshTokens.set(grant.refreshToken, grant);
      this.#changed();
    }
    return grant.refreshToken;
  }

  /** The grant of a refresh token, unless unknown or revoked. */
  activeGrantForRefreshToken(refreshToken: string): Grant | undefined {
    const grant = this.#refreshTokens.get(refreshToken);
    return grant === undefined || grant.revoked ? undefined : grant;
  }

  /** An access token, unless unknown, expired or revoked. */
  liveAccessToken(token: string): AccessToken | undefined {
    const accessToken = this.#accessTokens.get(token);
    if (accessToken === undefined || accessToken.grant.revoked || accessToken.expiresAt <= Date.now()) return undefined;
    return accessToken;
  }

  /** Revokes the grant and thereby all its tokens, codes and push notification channels. */
  revokeGrant(grant: Grant): void {
    grant.revoked = true;
    this.channels.stopGrant(grant.id);
    this.#changed();
  }

  /** Revokes every active grant of a user (case-insensitive email); returns how many. */
  revokeUser(email: string): number {
    const grants = this.#grants.filter((grant) => !grant.revoked && grant.email === email.toLowerCase());
    for (const grant of grants) this.revokeGrant(grant);
    return grants.length;
  }

  /** Makes live access tokens (all, or one user's) expire now; returns how many. */
  expireAccessTokens(email?: string): number {
    const now = Date.now();
    let expired = 0;
    for (const accessToken of this.#accessTokens.values()) {
      if (email !== undefined && accessToken.grant.email !== email.toLowerCase()) continue;
      if (this.liveAccessToken(accessToken.token) === undefined) continue;
      accessToken.expiresAt = now;
      expired += 1;
    }
    if (expired > 0) this.#changed();
    return expired;
  }

  summary(): StateSummary {
    const now = Date.now();
    return {
      clients: this.clients.size,
      users: new Set(this.#grants.map((grant) => grant.email)).size,
      grants: this.#grants.length,
      activeGrants: this.#grants.filter((grant) => !grant.revoked).length,
      pendingRequests: this.#pending.size,
      unusedCodes: [...this.#codes.values()].filter((code) => !code.used && code.expiresAt > now).length,
      liveAccessTokens: [...this.#accessTokens.keys()].filter((token) => this.liveAccessToken(token)).length,
      calendars: this.calendars.calendars().length,
      events: this.calendars.calendars().reduce((total, calendar) => total + calendar.events.size, 0),
      channels: this.channels.liveCount(),
    };
  }
}

import type { ColumnType, Generated } from 'kysely';

/** A customer's calendar connection; the OAuth tokens are one AES-GCM sealed JSON value. */
export interface ConnectionsTable {
  customer_id: string;
  email: string;
  /** Granted scopes, space-separated as Google returns them. */
  scopes: string;
  status: 'connected' | 'needs_reauth';
  key_id: string;
  nonce: Buffer;
  ciphertext: Buffer;
  connected_at: string;
  updated_at: string;
  /** The Google account's stable id (`sub` of the verified id_token); null on rows from before it was kept. */
  google_sub: string | null;
  /** The Google calendar the tools use (`primary`). */
  calendar_id: ColumnType<string, string | undefined, string>;
}

/** A pending OAuth authorization: the `state` is only kept as its SHA-256. */
export interface OAuthStatesTable {
  state_hash: string;
  customer_id: string;
  expected_email: string;
  code_verifier: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  /** Set when the customer was disconnected or deleted after this state was issued: it can no longer connect. */
  revoked_at: ColumnType<string | null, string | null | undefined, string | null>;
}

/**
 * A Google push channel (`events.watch`) on one calendar, shared by every replica. Epoch milliseconds
 * are `bigint` columns: PostgreSQL hands them back as text, so read them through `Number()`.
 */
export interface PushChannelsTable {
  channel_id: string;
  calendar_key: string;
  /** The customer whose access renews or stops it. */
  customer_id: string;
  /** Google's id of the watched resource; null until the watch answered. */
  resource_id: string | null;
  /** SHA-256 (hex) of the channel token Google echoes in each notification. */
  token_hash: string;
  expiration: ColumnType<number | string, number, number>;
  /** When a replica should replace it. */
  renew_at: ColumnType<number | string, number, number>;
  /** 1 once Google delivered to it (its `sync` message at least). */
  heard: ColumnType<number, number | undefined, number>;
  created_at: string;
}

/**
 * A busy-time answer read from Google by any replica and served by every one (PostgreSQL). Epoch
 * milliseconds are `bigint` columns, handed back as text by PostgreSQL.
 */
export interface BusyAnswersTable {
  id: Generated<number | string>;
  calendar_key: string;
  /** The range asked, [start, end). */
  range_start: ColumnType<number | string, number, number>;
  range_end: ColumnType<number | string, number, number>;
  /** JSON `[[startMs, endMs], …]`: the busy intervals Google answered. */
  busy: string;
  /** When the read began, on PostgreSQL's clock. */
  fetched_at: ColumnType<number | string, number, number>;
  /** The calendar's generation when the read began. */
  generation: ColumnType<number | string, number, number>;
}

/** Per calendar: how many invalidations it had, and until when no answer may be stored (epoch ms; 0: none). */
export interface BusyGenerationsTable {
  calendar_key: string;
  generation: ColumnType<number | string, number, number>;
  distrusted_until: ColumnType<number | string, number, number>;
}

/** The token database's tables. */
export interface Database {
  connections: ConnectionsTable;
  oauth_states: OAuthStatesTable;
  push_channels: PushChannelsTable;
  busy_answers: BusyAnswersTable;
  busy_generations: BusyGenerationsTable;
}

import type { Selectable } from 'kysely';
import type { PushChannelsTable } from '../db/schema.js';
import type { TokenDatabase } from '../db/token-database.js';

/** A push channel as every replica sees it in the token database (epoch milliseconds as numbers). */
export interface StoredPushChannel {
  readonly id: string;
  readonly calendarKey: string;
  readonly customerId: string;
  readonly resourceId: string | undefined;
  readonly tokenHash: string;
  readonly expiration: number;
  readonly renewAt: number;
  readonly heard: boolean;
}

function fromRow(row: Selectable<PushChannelsTable>): StoredPushChannel {
  return {
    id: row.channel_id,
    calendarKey: row.calendar_key,
    customerId: row.customer_id,
    resourceId: row.resource_id ?? undefined,
    tokenHash: row.token_hash,
    // bigint columns: PostgreSQL's come back as text.
    expiration: Number(row.expiration),
    renewAt: Number(row.renew_at),
    heard: Number(row.heard) === 1,
  };
}

/**
 * The `push_channels` table: the Google push channels of every calendar, shared by the replicas so
 * that one channel per calendar exists and any replica can check a notification Google sends it.
 * Writes that decide which channel a calendar has are made under the `push:<calendar>` lock.
 */
export class PushChannelTable {
  readonly #db: TokenDatabase;

  constructor(db: TokenDatabase) {
    this.#db = db;
  }

  /** A channel by id, whichever replica opened it. */
  async byId(id: string): Promise<StoredPushChannel | undefined> {
    const row = await this.#db.selectFrom('push_channels').selectAll().where('channel_id', '=', id).executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  /** The calendar's channels, the one expiring last first. */
  async ofCalendar(calendarKey: string): Promise<StoredPushChannel[]> {
    const rows = await this.#db.selectFrom('push_channels').selectAll().where('calendar_key', '=', calendarKey).orderBy('expiration', 'desc').execute();
    return rows.map(fromRow);
  }

  /** Records a channel about to be asked for, before Google's first message can arrive at any replica. */
  async insert(channel: StoredPushChannel): Promise<void> {
    await this.#db
      .insertInto('push_channels')
      .values({
        channel_id: channel.id,
        calendar_key: channel.calendarKey,
        customer_id: channel.customerId,
        resource_id: channel.resourceId ?? null,
        token_hash: channel.tokenHash,
        expiration: channel.expiration,
        renew_at: channel.renewAt,
        heard: channel.heard ? 1 : 0,
        created_at: new Date().toISOString(),
      })
      .execute();
  }

  /** What Google granted when the watch answered. */
  async started(id: string, values: { resourceId: string; expiration: number; renewAt: number }): Promise<void> {
    await this.#db
      .updateTable('push_channels')
      .set({ resource_id: values.resourceId, expiration: values.expiration, renew_at: values.renewAt })
      .where('channel_id', '=', id)
      .execute();
  }

  /** Google delivered to the channel; true when this is the first time anyone recorded it. */
  async markHeard(id: string): Promise<boolean> {
    const result = await this.#db.updateTable('push_channels').set({ heard: 1 }).where('channel_id', '=', id).where('heard', '=', 0).executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** Another customer of the calendar renews and stops the channel from now on. */
  async handOver(id: string, customerId: string): Promise<void> {
    await this.#db.updateTable('push_channels').set({ customer_id: customerId }).where('channel_id', '=', id).execute();
  }

  async remove(id: string): Promise<void> {
    await this.#db.deleteFrom('push_channels').where('channel_id', '=', id).execute();
  }
}

import { freshTestDatabase } from '@agendo/database/test-cluster';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BusyLookup, BusyTicket } from '../src/calendar/busy-answers.js';
import { SharedBusyAnswers } from '../src/calendar/shared-busy-answers.js';
import type { Database } from '../src/db/schema.js';
import { openTokenDatabase, type TokenStore } from '../src/db/token-database.js';
import { ON_POSTGRES } from './harness.js';

/**
 * The busy answers two replicas share in PostgreSQL, each with its own connection pool: what one
 * stores the other serves, and an invalidation by either is obeyed by both — also when it races a store.
 */

const stores: TokenStore[] = [];
let databaseUrl = '';
let a: SharedBusyAnswers;
let b: SharedBusyAnswers;
let calendar = 0;
/** A calendar no other test touched. */
const nextCalendar = () => {
  calendar += 1;
  return `sub-${calendar}/primary`;
};
const hour = (h: number) => new Date(Date.UTC(2031, 0, 6, h));
const range = (from: number, to: number) => ({ start: hour(from), end: hour(to) });

beforeAll(async () => {
  if (!ON_POSTGRES) return;
  const url = await freshTestDatabase('calendar_busy_answers');
  if (!url) return;
  databaseUrl = url;
  for (let i = 0; i < 2; i++) stores.push(await openTokenDatabase({ file: '/nonexistent/unused.db', url }));
  a = new SharedBusyAnswers(stores[0]!.db);
  b = new SharedBusyAnswers(stores[1]!.db);
});

afterAll(async () => {
  a?.close();
  b?.close();
  for (const store of stores) await store.close();
});

beforeEach((ctx) => {
  if (!ON_POSTGRES) ctx.skip('the busy answers are shared in PostgreSQL: this runs in the postgres project');
  if (stores.length === 0) ctx.skip('no PostgreSQL in this run (apt-get install -y postgresql)');
});

function ticketOf(found: BusyLookup): BusyTicket {
  if (found.busy !== undefined || !found.ticket) throw new Error(`expected a miss with a ticket, got ${JSON.stringify(found)}`);
  return found.ticket;
}

describe('busy answers shared in PostgreSQL', () => {
  it('an answer stored by one replica serves the other, for any range it covers and no other', async () => {
    const key = nextCalendar();
    const ticket = ticketOf(await a.lookup(key, range(8, 20), 60_000));
    await a.put(key, range(8, 20), [range(10, 11), range(15, 16)], ticket);
    expect((await b.lookup(key, range(9, 12), 60_000)).busy).toEqual([range(10, 11)]);
    expect((await b.lookup(key, range(12, 14), 60_000)).busy).toEqual([]);
    expect((await b.lookup(key, range(7, 12), 60_000)).busy).toBeUndefined();
    expect((await b.lookup(nextCalendar(), range(9, 12), 60_000)).busy).toBeUndefined();
  });

  it('serves an answer only as young as asked, and never past its maximum age', async () => {
    const short = new SharedBusyAnswers(stores[0]!.db, 300);
    const key = nextCalendar();
    await short.put(key, range(8, 9), [], ticketOf(await short.lookup(key, range(8, 9), 300)));
    expect((await b.lookup(key, range(8, 9), 60_000)).busy).toEqual([]);
    await new Promise((r) => setTimeout(r, 350));
    expect((await short.lookup(key, range(8, 9), 60_000)).busy).toBeUndefined();
    expect((await b.lookup(key, range(8, 9), 300)).busy).toBeUndefined();
    short.close();
  });

  it('an invalidation through one replica drops what the other stored', async () => {
    const key = nextCalendar();
    await a.put(key, range(8, 20), [], ticketOf(await a.lookup(key, range(8, 20), 60_000)));
    expect((await a.lookup(key, range(9, 10), 60_000)).busy).toEqual([]);
    await b.invalidate(key);
    expect((await a.lookup(key, range(9, 10), 60_000)).busy).toBeUndefined();
    // A fresh read after it is stored again.
    await a.put(key, range(8, 20), [range(9, 10)], ticketOf(await a.lookup(key, range(8, 20), 60_000)));
    expect((await b.lookup(key, range(9, 10), 60_000)).busy).toEqual([range(9, 10)]);
  });

  it('an answer read before another replica invalidated is never stored after it', async () => {
    const key = nextCalendar();
    // Once with the calendar never invalidated before (no generation row yet), once after.
    for (let round = 0; round < 2; round++) {
      const ticket = ticketOf(await a.lookup(key, range(8, 20), 60_000));
      await b.invalidate(key);
      await a.put(key, range(8, 20), [], ticket);
      expect((await a.lookup(key, range(9, 10), 60_000)).busy).toBeUndefined();
      expect((await b.lookup(key, range(9, 10), 60_000)).busy).toBeUndefined();
    }
  });

  it('a store racing an invalidation by the other replica never survives it', async () => {
    for (let i = 0; i < 40; i++) {
      const key = nextCalendar();
      if (i % 2 === 1) await b.invalidate(key);
      const ticket = ticketOf(await a.lookup(key, range(8, 20), 60_000));
      await Promise.all([a.put(key, range(8, 20), [], ticket), b.invalidate(key)]);
      expect((await b.lookup(key, range(9, 10), 60_000)).busy, `round ${i}`).toBeUndefined();
    }
  });

  it('a store that meets an invalidation in progress waits for it, then stores nothing', async () => {
    const key = nextCalendar();
    await b.invalidate(key);
    const ticket = ticketOf(await a.lookup(key, range(8, 20), 60_000));
    // A third connection does what an invalidation does, and holds it uncommitted while A stores.
    const other = new pg.Client({ connectionString: databaseUrl, options: '-c search_path=calendar_server' });
    await other.connect();
    try {
      await other.query('begin');
      await other.query('update busy_generations set generation = generation + 1 where calendar_key = $1', [key]);
      await other.query('delete from busy_answers where calendar_key = $1', [key]);
      let stored = false;
      const storing = a.put(key, range(8, 20), [], ticket).then(() => (stored = true));
      await new Promise((r) => setTimeout(r, 150));
      expect(stored).toBe(false);
      await other.query('commit');
      await storing;
    } finally {
      await other.end();
    }
    expect((await b.lookup(key, range(9, 10), 60_000)).busy).toBeUndefined();
    const rows = await stores[0]!.db.selectFrom('busy_answers').select('generation').where('calendar_key', '=', key).execute();
    expect(rows).toEqual([]);
  });

  it('after a write of unknown outcome, no replica stores an answer for the distrust period', async () => {
    const key = nextCalendar();
    const early = ticketOf(await a.lookup(key, range(8, 20), 60_000));
    await b.invalidate(key, { distrustForMs: 400 });
    const during = await a.lookup(key, range(8, 20), 60_000);
    expect(during).toEqual({ busy: undefined, ticket: undefined });
    await a.put(key, range(8, 20), [], early);
    expect((await b.lookup(key, range(9, 10), 60_000)).busy).toBeUndefined();
    await new Promise((r) => setTimeout(r, 450));
    await a.put(key, range(8, 20), [], ticketOf(await a.lookup(key, range(8, 20), 60_000)));
    expect((await b.lookup(key, range(9, 10), 60_000)).busy).toEqual([]);
  });

  it('deletes expired answers when storing', async () => {
    const db = stores[0]!.db;
    const first = new SharedBusyAnswers(db, 200);
    const key = nextCalendar();
    await first.put(key, range(8, 9), [], ticketOf(await first.lookup(key, range(8, 9), 200)));
    const rows = async () => (await db.selectFrom('busy_answers').select('id').where('calendar_key', '=', key).execute()).length;
    expect(await rows()).toBe(1);
    await new Promise((r) => setTimeout(r, 250));
    const later = new SharedBusyAnswers(db, 200);
    const other = nextCalendar();
    await later.put(other, range(8, 9), [], ticketOf(await later.lookup(other, range(8, 9), 200)));
    expect(await rows()).toBe(0);
    first.close();
    later.close();
  });

  it('without the database: nothing is served or stored, and an invalidation rejects', async () => {
    const pool = new pg.Pool({ connectionString: 'postgres://agendo@127.0.0.1:1/none', connectionTimeoutMillis: 500 });
    pool.on('error', () => undefined);
    const offline = new SharedBusyAnswers(new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }));
    expect(await offline.lookup('k', range(8, 9), 60_000)).toEqual({ busy: undefined, ticket: undefined });
    await expect(offline.put('k', range(8, 9), [], { generation: 0, fetchedAt: Date.now() })).resolves.toBeUndefined();
    await expect(offline.invalidate('k')).rejects.toThrow();
    offline.close();
    await pool.end();
  });
});

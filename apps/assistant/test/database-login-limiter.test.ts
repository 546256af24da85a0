import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseLoginLimiter } from '../src/admin-auth/database-login-limiter.js';
import type { LoginThrottleOptions } from '../src/admin-auth/login-throttle.js';
import { type AssistantStorage, openAssistantDatabase } from '../src/db/assistant-database.js';
import { onPostgres, testDatabaseUrl } from './test-database.js';

// The login throttle with its state in the database (what replicas share on PostgreSQL): the same
// behaviour as the in-process LoginLimiter (login-limiter.test.ts), on this run's database engine.

const opened: AssistantStorage[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const storage of opened.splice(0)) await storage.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

async function openStorage(location?: { file: string; url: string | undefined }): Promise<{ storage: AssistantStorage; location: { file: string; url: string | undefined } }> {
  let where = location;
  if (!where) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agendo-login-db-'));
    dirs.push(dir);
    where = { file: path.join(dir, 'assistant.db'), url: await testDatabaseUrl() };
  }
  const storage = await openAssistantDatabase(where);
  opened.push(storage);
  return { storage, location: where };
}

/** A database limiter on a hand-driven clock. */
async function limiter(options: LoginThrottleOptions = {}) {
  const clock = { now: 1_000_000 };
  const { storage } = await openStorage();
  return { clock, limiter: new DatabaseLoginLimiter(storage.db, storage.locks, { ...options, now: () => clock.now }) };
}

describe('DatabaseLoginLimiter', () => {
  it('lets an address fail 5 times, then waits 1 s, 2 s, 4 s… capped at 5 minutes', async () => {
    const { clock, limiter: l } = await limiter();
    const waits: number[] = [];
    for (let i = 0; i < 14; i++) {
      const wait = await l.check('10.0.0.1');
      if (wait) clock.now += wait.retryAfterMs;
      waits.push(wait?.retryAfterMs ?? 0);
      await l.fail('10.0.0.1');
    }
    expect(waits).toEqual([0, 0, 0, 0, 0, 1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000]);
    for (let i = 0; i < 3; i++) {
      const wait = await l.check('10.0.0.1');
      expect(wait).toEqual({ reason: 'address', retryAfterMs: 300_000 });
      clock.now += wait?.retryAfterMs ?? 0;
      await l.fail('10.0.0.1');
    }
  });

  it('never delays another address, and a success starts the address afresh', async () => {
    const { limiter: l } = await limiter();
    for (let i = 0; i < 8; i++) await l.fail('10.0.0.1');
    expect((await l.check('10.0.0.1'))?.reason).toBe('address');
    expect(await l.check('10.0.0.2')).toBeUndefined();
    expect(await l.attempt('10.0.0.2', () => true)).toEqual({ outcome: 'accepted' });
    await l.succeed('10.0.0.1');
    expect(await l.check('10.0.0.1')).toBeUndefined();
  });

  it('decides an attempt as a whole: throttled without asking for the password, refused and counted, or accepted', async () => {
    const { limiter: l } = await limiter({ freeFailures: 2 });
    let asked = 0;
    const wrong = () => {
      asked += 1;
      return false;
    };
    expect(await l.attempt('10.0.0.1', wrong)).toEqual({ outcome: 'refused' });
    expect(await l.attempt('10.0.0.1', wrong)).toEqual({ outcome: 'refused' });
    expect(await l.attempt('10.0.0.1', () => true)).toMatchObject({ outcome: 'throttled', wait: { reason: 'address' } });
    expect(asked).toBe(2);
  });

  it('forgets an address an hour after its last failure', async () => {
    const { clock, limiter: l } = await limiter();
    for (let i = 0; i < 8; i++) await l.fail('10.0.0.1');
    clock.now += 60 * 60_000;
    expect(await l.check('10.0.0.1')).toBeUndefined();
    expect(await l.trackedAddresses()).toBe(0);
  });

  it('caps failed logins per minute across addresses, then every login waits for the rest of the minute', async () => {
    const { clock, limiter: l } = await limiter({ maxFailuresPerMinute: 30 });
    for (let i = 0; i < 30; i++) {
      expect(await l.check(`10.1.0.${i}`)).toBeUndefined();
      await l.fail(`10.1.0.${i}`);
      clock.now += 1_000;
    }
    expect(await l.check('192.168.1.1')).toEqual({ reason: 'global', retryAfterMs: 30_000 });
    clock.now += 30_000;
    expect(await l.check('192.168.1.1')).toBeUndefined();
  });

  it('remembers a bounded number of addresses, dropping the oldest', async () => {
    const { clock, limiter: l } = await limiter({ maxTrackedAddresses: 3, maxFailuresPerMinute: 1_000 });
    for (const a of ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4']) {
      for (let i = 0; i < 5; i++) await l.fail(a);
      clock.now += 1;
    }
    expect(await l.trackedAddresses()).toBe(3);
    expect(await l.check('10.0.0.1')).toBeUndefined();
    expect((await l.check('10.0.0.4'))?.reason).toBe('address');
  });

  it('throttles an IPv6 client by its /64, and an IPv4-mapped address as the IPv4 one', async () => {
    const { limiter: l } = await limiter();
    for (let i = 0; i < 6; i++) await l.fail(`2001:db8:1:2::${i + 1}`);
    expect((await l.check('2001:db8:1:2:ffff:1:2:3'))?.reason).toBe('address');
    expect(await l.check('2001:db8:1:3::1')).toBeUndefined();
    for (let i = 0; i < 6; i++) await l.fail('::ffff:10.9.9.9');
    expect((await l.check('10.9.9.9'))?.reason).toBe('address');
  });

  it('keeps its state across a restart', async () => {
    const { storage, location } = await openStorage();
    for (let i = 0; i < 6; i++) await new DatabaseLoginLimiter(storage.db, storage.locks).attempt('10.0.0.1', () => false);
    await storage.close();
    opened.splice(opened.indexOf(storage), 1);
    const { storage: reopened } = await openStorage(location);
    expect(await new DatabaseLoginLimiter(reopened.db, reopened.locks).attempt('10.0.0.1', () => true)).toMatchObject({ outcome: 'throttled' });
  });

  it('on PostgreSQL, counts two replicas’ failures against one global cap, exactly, however they arrive', async (ctx) => {
    if (!onPostgres) return ctx.skip('two replicas share state only on PostgreSQL (SQLite: one process)');
    const { storage: first, location } = await openStorage();
    const { storage: second } = await openStorage(location);
    const a = new DatabaseLoginLimiter(first.db, first.locks, { maxFailuresPerMinute: 10 });
    const b = new DatabaseLoginLimiter(second.db, second.locks, { maxFailuresPerMinute: 10 });
    // 40 wrong guesses at once, each from its own address, alternating between the replicas.
    const outcomes = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? a : b).attempt(`10.2.${i}.1`, () => false)));
    expect(outcomes.filter((o) => o.outcome === 'refused')).toHaveLength(10);
    expect(outcomes.filter((o) => o.outcome === 'throttled').every((o) => o.outcome === 'throttled' && o.wait.reason === 'global')).toBe(true);
    expect(await b.attempt('10.3.0.1', () => true)).toMatchObject({ outcome: 'throttled', wait: { reason: 'global' } });
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Generated, Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { afterAll, describe, expect, it } from 'vitest';
import { columnTypes, LockTimeoutError, openServiceDatabase, type ServiceDatabase } from './index.js';
import { freshTestDatabase } from './postgres-test-cluster.js';

interface Schema {
  notes: { id: Generated<number>; body: string; secret: Buffer };
}

const migrations: Record<string, Migration> = {
  '0001_notes': {
    async up(db: Kysely<unknown>) {
      const types = columnTypes(db);
      await db.schema
        .createTable('notes')
        .addColumn('id', types.serial, (c) => (types.serial === 'integer' ? c.primaryKey().autoIncrement() : c.primaryKey()))
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('secret', types.binary, (c) => c.notNull())
        .execute();
    },
  },
};
const provider = { getMigrations: async () => migrations };

const opened: ServiceDatabase<Schema>[] = [];
const folders: string[] = [];
afterAll(async () => {
  for (const db of opened) await db.close();
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

/** Two handles on one database: as two replicas of a service would have. */
async function twoReplicas(engine: 'sqlite' | 'postgres'): Promise<[ServiceDatabase<Schema>, ServiceDatabase<Schema>] | undefined> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'agendo-db-'));
  folders.push(folder);
  const url = engine === 'postgres' ? await freshTestDatabase() : undefined;
  if (engine === 'postgres' && !url) return undefined;
  const config = { url, file: path.join(folder, 'test.db'), schema: 'test_service' };
  const a = await openServiceDatabase<Schema>(config, provider, 'test database');
  opened.push(a);
  if (engine === 'sqlite') return [a, a];
  const b = await openServiceDatabase<Schema>(config, provider, 'test database');
  opened.push(b);
  return [a, b];
}

for (const engine of ['sqlite', 'postgres'] as const) {
  describe(`a service database on ${engine}`, () => {
    it('migrates once, stores text, bytes and auto-numbered keys the same way', async (ctx) => {
      const replicas = await twoReplicas(engine);
      if (!replicas) return ctx.skip('PostgreSQL is not installed here (.ci/run installs it)');
      const [a, b] = replicas;
      expect(a.dialect).toBe(engine);
      await a.db
        .insertInto('notes')
        .values({ body: 'uno', secret: Buffer.from([0, 1, 255]) })
        .execute();
      await b.db
        .insertInto('notes')
        .values({ body: 'dos', secret: Buffer.from('x') })
        .execute();
      const rows = await a.db.selectFrom('notes').selectAll().orderBy('id').execute();
      expect(rows.map((r) => [r.body, Buffer.from(r.secret).toString('hex')])).toEqual([
        ['uno', '0001ff'],
        ['dos', '78'],
      ]);
      expect(Number(rows[1]?.id)).toBeGreaterThan(Number(rows[0]?.id));
    });

    it('runs work one at a time per key across replicas, and other keys in parallel', async (ctx) => {
      const replicas = await twoReplicas(engine);
      if (!replicas) return ctx.skip('PostgreSQL is not installed here (.ci/run installs it)');
      const [a, b] = replicas;
      let inside = 0;
      let most = 0;
      const order: string[] = [];
      const work = (name: string) => async () => {
        inside += 1;
        most = Math.max(most, inside);
        await new Promise((r) => setTimeout(r, 30));
        order.push(name);
        inside -= 1;
      };
      await Promise.all([
        a.locks.run('calendar-1', work('a1')),
        b.locks.run('calendar-1', work('b1')),
        a.locks.run('calendar-1', work('a2')),
        b.locks.run('calendar-1', work('b2')),
      ]);
      expect(most).toBe(1);
      expect(order).toHaveLength(4);
      const started = Date.now();
      await Promise.all([a.locks.run('k-1', () => new Promise((r) => setTimeout(r, 200))), b.locks.run('k-2', () => new Promise((r) => setTimeout(r, 200)))]);
      expect(Date.now() - started).toBeLessThan(390);
    });

    it('gives up waiting for a lock after waitMs, and the holder keeps it', async (ctx) => {
      const replicas = await twoReplicas(engine);
      if (!replicas) return ctx.skip('PostgreSQL is not installed here (.ci/run installs it)');
      const [a, b] = replicas;
      let release!: () => void;
      const held = a.locks.run('busy', () => new Promise<void>((r) => (release = r)));
      await new Promise((r) => setTimeout(r, 50));
      await expect(b.locks.run('busy', async () => 'never', { waitMs: 100 })).rejects.toBeInstanceOf(LockTimeoutError);
      release();
      await held;
      expect(await b.locks.run('busy', async () => 'now', { waitMs: 1000 })).toBe('now');
    });

    it('delivers a change message to every replica, the sender included', async (ctx) => {
      const replicas = await twoReplicas(engine);
      if (!replicas) return ctx.skip('PostgreSQL is not installed here (.ci/run installs it)');
      const [a, b] = replicas;
      const heard: string[] = [];
      await a.changes.subscribe('busy_times', (p) => heard.push(`a:${p}`));
      await b.changes.subscribe('busy_times', (p) => heard.push(`b:${p}`));
      await a.changes.publish('busy_times', 'sub-123/primary');
      await expect.poll(() => [...new Set(heard)].sort()).toEqual(engine === 'sqlite' ? ['a:sub-123/primary', 'b:sub-123/primary'] : ['a:sub-123/primary', 'b:sub-123/primary']);
    });
  });
}

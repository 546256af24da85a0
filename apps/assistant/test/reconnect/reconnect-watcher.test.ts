import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ConnectionStatus } from '@agendo/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AssistantStorage, openAssistantDatabase } from '../../src/db/assistant-database.js';
import { ReconnectLinkStore } from '../../src/reconnect/reconnect-link-store.js';
import { ReconnectWatcher } from '../../src/reconnect/reconnect-watcher.js';
import { testDatabaseUrl } from '../test-database.js';

const POLL_MS = 1_000;
let dir: string;
let storage: AssistantStorage;
let store: ReconnectLinkStore;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agendo-reconnect-'));
  storage = await openAssistantDatabase({ file: path.join(dir, 'assistant.db'), url: await testDatabaseUrl() });
  store = new ReconnectLinkStore(storage.db);
});
afterAll(async () => {
  await storage?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function addCustomer(customerId: string): Promise<void> {
  const at = new Date().toISOString();
  await storage.db
    .insertInto('customers')
    .values({
      customer_id: customerId,
      email: `${customerId}@ejemplo.com`,
      name: null,
      phone: null,
      time_zone: null,
      preferred_duration_minutes: null,
      search_text: customerId,
      created_at: at,
      updated_at: at,
    })
    .execute();
}

function status(customerId: string, value: ConnectionStatus['status']): ConnectionStatus {
  return { customer_id: customerId, status: value, email: null, scopes: [], connected_at: null } as unknown as ConnectionStatus;
}

describe('the reconnect watcher', () => {
  it("backs off per link, stops at the link's expiry, and resumes and pushes once however many replicas watch", async () => {
    const t0 = new Date('2030-03-01T10:00:00Z');
    let now = t0;
    await addCustomer('w-1');
    await store.recordLink('w-1', { sentAt: t0, expiresAt: new Date(t0.getTime() + 7 * 86_400_000).toISOString(), pending: null, firstCheckAt: t0 });
    let connected = false;
    const asked: string[][] = [];
    const calendarServer = {
      statuses: async (ids: string[]) => {
        asked.push(ids);
        return ids.map((id) => status(id, connected ? 'connected' : 'needs_reauth'));
      },
    };
    const pushed: string[] = [];
    const resumer = {
      // As the engines do: a conditional update claims the resumption.
      resumeAfterReconnect: async (id: string) =>
        (await store.markResumed(id, 'Ya está conectado. ¿Confirmas la reserva para …?', now)) ? 'Ya está conectado. ¿Confirmas la reserva para …?' : undefined,
    };
    const push = { reachable: async () => true, send: async (_id: string, message: string) => void pushed.push(message) };
    const watcher = () => new ReconnectWatcher({ store, calendarServer, resumer, push, pollMs: POLL_MS, clock: () => now });
    const [a, b] = [watcher(), watcher()];

    await a.checkNow();
    expect(asked).toEqual([['w-1']]);
    await a.checkNow(); // not due again yet
    expect(asked).toHaveLength(1);
    // 40 looks at the base interval, then the wait doubles.
    for (let i = 1; i < 40; i += 1) {
      now = new Date(now.getTime() + POLL_MS);
      await a.checkNow();
    }
    expect(asked).toHaveLength(40);
    expect(Date.parse((await store.get('w-1'))?.next_check_at ?? '') - now.getTime()).toBe(POLL_MS);
    now = new Date(now.getTime() + POLL_MS);
    await a.checkNow();
    const row = await store.get('w-1');
    expect(Date.parse(row?.next_check_at ?? '') - now.getTime()).toBe(2 * POLL_MS);

    connected = true;
    now = new Date(now.getTime() + 2 * POLL_MS);
    await Promise.all([a.checkNow(), b.checkNow()]);
    expect(pushed).toEqual(['Ya está conectado. ¿Confirmas la reserva para …?']);
    expect((await store.get('w-1'))?.status).toBe('delivered');
  });

  it('no longer asks about a link past its 7 days', async () => {
    const t0 = new Date('2030-04-01T10:00:00Z');
    await addCustomer('w-2');
    await store.recordLink('w-2', { sentAt: t0, expiresAt: new Date(t0.getTime() + 7 * 86_400_000).toISOString(), pending: null, firstCheckAt: t0 });
    const asked: string[] = [];
    const watcher = new ReconnectWatcher({
      store,
      calendarServer: {
        statuses: async (ids: string[]) => {
          asked.push(...ids);
          return ids.map((id) => status(id, 'needs_reauth'));
        },
      },
      resumer: { resumeAfterReconnect: async () => undefined },
      pollMs: POLL_MS,
      clock: () => new Date(t0.getTime() + 7 * 86_400_000 + 1),
    });
    await watcher.checkNow();
    expect(asked).not.toContain('w-2');
  });
});

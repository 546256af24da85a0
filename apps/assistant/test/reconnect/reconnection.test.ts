import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AuthorizeResponse, ConnectionStatus } from '@agendo/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CalendarToolError } from '../../src/calendar/calendar-port.js';
import { CalendarServerError } from '../../src/calendar/calendar-server-client.js';
import type { Customer } from '../../src/customers/customer-store.js';
import { type AssistantStorage, openAssistantDatabase } from '../../src/db/assistant-database.js';
import { ReconnectLinkStore } from '../../src/reconnect/reconnect-link-store.js';
import { Reconnection } from '../../src/reconnect/reconnection.js';
import { testDatabaseUrl } from '../test-database.js';

let dir: string;
let storage: AssistantStorage;
let store: ReconnectLinkStore;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agendo-reconnection-'));
  storage = await openAssistantDatabase({ file: path.join(dir, 'assistant.db'), url: await testDatabaseUrl() });
  store = new ReconnectLinkStore(storage.db);
});
afterAll(async () => {
  await storage?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function addCustomer(customerId: string): Promise<Customer> {
  const at = new Date().toISOString();
  await storage.db
    .insertInto('customers')
    .values({
      customer_id: customerId,
      email: `${customerId}@ejemplo.com`,
      name: 'Eva',
      phone: null,
      time_zone: null,
      preferred_duration_minutes: null,
      search_text: customerId,
      created_at: at,
      updated_at: at,
    })
    .execute();
  return (await storage.db.selectFrom('customers').selectAll().where('customer_id', '=', customerId).executeTakeFirstOrThrow()) as unknown as Customer;
}

const REAUTH = new CalendarToolError('needs_reauth', 'revoked') as CalendarToolError & { code: 'needs_reauth' };
const SLOT = { start: '2030-05-02T10:00:00+02:00', end: '2030-05-02T11:00:00+02:00', askedDurationMinutes: null };

describe('Reconnection', () => {
  it('asks for a link for the customer and their stored email, at most once a day; a failure to make one falls back to the explanation', async () => {
    const customer = await addCustomer('r-1');
    const asked: unknown[] = [];
    let fail = true;
    const reconnection = new Reconnection({
      store,
      pollMs: 1_000,
      calendarServer: {
        authorize: async (body) => {
          asked.push(body);
          if (fail) throw new CalendarServerError('down', 503);
          return { authorization_url: `https://consent.example/${asked.length}`, state: 's', expires_at: '2030-05-08T08:00:00Z' } as AuthorizeResponse;
        },
        status: async () => ({ status: 'needs_reauth' }) as ConnectionStatus,
      },
    });
    const t0 = new Date('2030-05-01T08:00:00Z');
    expect(await reconnection.offer(customer, REAUTH, SLOT, t0)).not.toMatch(/https:/);
    fail = false;
    expect(await reconnection.offer(customer, REAUTH, SLOT, t0)).toMatch(/vuelve a conectar tu calendario: https:\/\/consent\.example\/2 /);
    expect(asked.at(-1)).toEqual({ customer_id: 'r-1', email: 'r-1@ejemplo.com', name: 'Eva', delivery: 'link' });
    expect(await reconnection.offer(customer, REAUTH, SLOT, new Date(t0.getTime() + 23 * 3600_000))).not.toMatch(/https:/);
    expect(asked).toHaveLength(2);
    expect(await reconnection.offer(customer, REAUTH, SLOT, new Date(t0.getTime() + 24 * 3600_000))).toMatch(/https:\/\/consent\.example\/3 /);
  });

  it('delivers a fresh resumed question once, and checks an old one again', async () => {
    await addCustomer('r-2');
    const reconnection = new Reconnection({
      store,
      pollMs: 1_000,
      calendarServer: {
        authorize: async () => {
          throw new Error('unused');
        },
        status: async () => ({ status: 'connected' }) as ConnectionStatus,
      },
    });
    const t0 = new Date('2030-05-01T08:00:00Z');
    await store.recordLink('r-2', { sentAt: t0, expiresAt: '2030-05-08T08:00:00Z', pending: SLOT, firstCheckAt: t0 });
    expect(await reconnection.beforeTurn('r-2', t0)).toEqual({ kind: 'resume', pending: SLOT });
    expect(await store.markResumed('r-2', 'Ya está conectado. ¿Confirmas…?', t0)).toBe(true);
    expect(await reconnection.beforeTurn('r-2', new Date(t0.getTime() + 60_000))).toEqual({ kind: 'deliver', message: 'Ya está conectado. ¿Confirmas…?' });
    expect(await reconnection.beforeTurn('r-2', new Date(t0.getTime() + 120_000))).toBeUndefined();

    await store.updatePending('r-2', SLOT, t0);
    await store.markResumed('r-2', 'Ya está conectado. ¿Confirmas…?', t0);
    expect(await reconnection.beforeTurn('r-2', new Date(t0.getTime() + 3600_000))).toEqual({ kind: 'resume', pending: SLOT });
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ActivityLog } from '../src/activity/activity-log.js';
import { CustomerStore } from '../src/customers/customer-store.js';
import { type AssistantStorage, openAssistantDatabase } from '../src/db/assistant-database.js';
import { testDatabaseUrl } from './test-database.js';

let storage: AssistantStorage | undefined;
let dir: string | undefined;
afterEach(async () => {
  await storage?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('ActivityLog', () => {
  it('logs a booking once however often its creation is retried, and pages newest first', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agendo-activity-'));
    storage = await openAssistantDatabase({ file: path.join(dir, 'assistant.db'), url: await testDatabaseUrl() });
    await new CustomerStore(storage.db).create({ customer_id: 'c1', email: 'c1@ejemplo.com', name: null, phone: null, time_zone: null });
    let now = Date.parse('2027-01-13T10:00:00Z');
    const tick = () => {
      now += 60_000;
      return new Date(now);
    };
    const log = new ActivityLog(storage.db, { clock: tick });
    await log.record('c1', { kind: 'booked', actor: 'customer', bookingId: 'ev1', bookingStart: '2027-01-14T15:00:00-06:00' });
    await log.record('c1', { kind: 'booked', actor: 'customer', bookingId: 'ev1', bookingStart: '2027-01-14T15:00:00-06:00' });
    await log.record('c1', { kind: 'moved', actor: 'customer', bookingId: 'ev1', bookingStart: '2027-01-14T17:00:00-06:00' });
    await log.record('c1', { kind: 'moved', actor: 'customer', bookingId: 'ev1', bookingStart: '2027-01-14T18:00:00-06:00' });
    const first = await log.page('c1', { page: 1, page_size: 2 });
    expect(first.total).toBe(3);
    expect(first.items.map((e) => [e.kind, e.booking_start])).toEqual([
      ['moved', '2027-01-14T18:00:00-06:00'],
      ['moved', '2027-01-14T17:00:00-06:00'],
    ]);
    expect((await log.page('c1', { page: 2, page_size: 2 })).items.map((e) => e.kind)).toEqual(['booked']);
  });
});

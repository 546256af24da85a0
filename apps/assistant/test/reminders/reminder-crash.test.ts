import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BookingOut } from '@agendo/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { CalendarToolError } from '../../src/calendar/calendar-port.js';
import { type AssistantStorage, openAssistantDatabase } from '../../src/db/assistant-database.js';
import { ReminderScheduler } from '../../src/reminders/reminder-scheduler.js';
import { ReminderStore } from '../../src/reminders/reminder-store.js';
import { testDatabaseUrl } from '../test-database.js';

/**
 * The scheduler's at-most-once rule and its retries, on the real database (SQLite, or PostgreSQL in the
 * `postgres` project): a reminder a stopped process left `sending` is never sent again; one whose
 * calendar check failed goes back to `pending` and out once later.
 */

const opened: AssistantStorage[] = [];
afterEach(async () => {
  for (const storage of opened.splice(0)) await storage.close();
});

async function open(): Promise<AssistantStorage> {
  const url = await testDatabaseUrl();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'agendo-reminders-')), 'assistant.db');
  const storage = await openAssistantDatabase({ file, url });
  opened.push(storage);
  return storage;
}

const T0 = new Date('2030-03-03T14:00:00Z');
const START = '2030-03-04T15:00:00-06:00';
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

function setUp(storage: AssistantStorage, now: { at: Date }, calendar: { listBookings: () => Promise<BookingOut[]> }) {
  const sent: { to: string; parameters: readonly string[] }[] = [];
  const clock = () => now.at;
  const store = new ReminderStore(storage.db, { leadMinutes: 1440, clock });
  const scheduler = new ReminderScheduler({
    store,
    calendar,
    customers: {
      get: async (id) => ({
        customer_id: id,
        email: 'c@ejemplo.com',
        name: 'C',
        phone: '5215533334444',
        time_zone: 'America/Mexico_City',
        preferred_duration_minutes: null,
        reminder_lead_minutes: null,
        created_at: '',
        updated_at: '',
      }),
    },
    timeZones: { of: async () => 'America/Mexico_City' },
    graph: {
      sendTemplate: async (to, template) => {
        sent.push({ to, parameters: template.bodyParameters });
        return { ok: true, messageId: 'wamid.x', attempts: 1 };
      },
    },
    template: 'recordatorio_reserva',
    businessName: 'Peluquería Sol',
    pollMs: 3_600_000,
    log: silent,
    clock,
  });
  return { store, scheduler, sent };
}

async function addCustomer(storage: AssistantStorage, id: string): Promise<void> {
  const at = T0.toISOString();
  await storage.db
    .insertInto('customers')
    .values({
      customer_id: id,
      email: `${id}@ejemplo.com`,
      name: null,
      phone: null,
      time_zone: null,
      preferred_duration_minutes: null,
      search_text: id,
      created_at: at,
      updated_at: at,
    })
    .execute();
}

const booking: BookingOut = { booking_id: 'evt1', start: START, end: '2030-03-04T16:00:00-06:00', title: 'Reserva con Peluquería Sol', status: 'confirmed' };

describe('reminder delivery at most once', () => {
  it('a reminder left "sending" by a stopped process becomes unknown and is never sent; a due one beside it goes out once', async () => {
    const storage = await open();
    const now = { at: T0 };
    const { store, scheduler, sent } = setUp(storage, now, { listBookings: async () => [booking, { ...booking, booking_id: 'evt2' }] });
    await addCustomer(storage, 'c1');
    await store.booked('c1', booking);
    await store.booked('c1', { booking_id: 'evt2', start: START });
    now.at = new Date(Date.parse(START) - 1440 * 60_000 + 60_000);
    // The process that claimed evt1 stopped mid-send: the claim is left, three minutes old.
    await storage.db
      .updateTable('reminders')
      .set({ status: 'sending', claimed_at: new Date(now.at.getTime() - 180_000).toISOString() })
      .where('booking_id', '=', 'evt1')
      .execute();

    await scheduler.runDue();
    await scheduler.runDue();
    const rows = await store.ofCustomer('c1');
    expect(Object.fromEntries(rows.map((r) => [r.booking_id, r.status]))).toEqual({ evt1: 'unknown', evt2: 'sent' });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.parameters).toEqual(['mañana lunes 4 de marzo', '15:00', 'Peluquería Sol']);
  });

  it('a calendar failure sends nothing and tries again later, once', async () => {
    const storage = await open();
    const now = { at: T0 };
    let down = true;
    const { store, scheduler, sent } = setUp(storage, now, {
      listBookings: async () => {
        if (down) throw new CalendarToolError('google_unavailable', 'Google is down');
        return [booking];
      },
    });
    await addCustomer(storage, 'c2');
    await store.booked('c2', booking);
    now.at = new Date(Date.parse(START) - 1440 * 60_000 + 1_000);
    await scheduler.runDue();
    expect(sent).toHaveLength(0);
    expect((await store.ofCustomer('c2'))[0]).toMatchObject({ status: 'pending', attempts: 1, last_error: 'calendar: google_unavailable' });
    down = false;
    await scheduler.runDue();
    expect(sent).toHaveLength(0);
    now.at = new Date(now.at.getTime() + 61_000);
    await scheduler.runDue();
    await scheduler.runDue();
    expect(sent).toHaveLength(1);
    expect((await store.ofCustomer('c2'))[0]).toMatchObject({ status: 'sent', attempts: 2 });
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ModelMessage } from 'ai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CustomerStore } from '../../src/customers/customer-store.js';
import { type AssistantDatabase, type AssistantStorage, openAssistantDatabase } from '../../src/db/assistant-database.js';
import { LlmHistoryStore } from '../../src/llm/llm-history-store.js';
import { testDatabaseUrl } from '../test-database.js';

let dir: string;
let location: { file: string; url: string | undefined };
let storage: AssistantStorage;
let db: AssistantDatabase;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agendo-llm-history-'));
  location = { file: path.join(dir, 'assistant.db'), url: await testDatabaseUrl() };
  storage = await openAssistantDatabase(location);
  db = storage.db;
  await new CustomerStore(db).create({ customer_id: 'c1', email: 'c1@ejemplo.com' });
  await new CustomerStore(db).create({ customer_id: 'c2', email: 'c2@ejemplo.com' });
});
afterEach(async () => {
  await storage.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** One exchange: the customer's message, a tool round-trip and the answer (4 messages). */
const exchange = (n: number): ModelMessage[] => [
  { role: 'user', content: `mensaje ${n}` },
  { role: 'assistant', content: [{ type: 'tool-call', toolCallId: `call-${n}`, toolName: 'list_bookings', input: { n } }] },
  { role: 'tool', content: [{ type: 'tool-result', toolCallId: `call-${n}`, toolName: 'list_bookings', output: { type: 'json', value: { bookings: [] } } }] },
  { role: 'assistant', content: `respuesta ${n}` },
];

describe('LlmHistoryStore', () => {
  it('keeps each customer’s messages in order, as they were', async () => {
    const history = new LlmHistoryStore(db);
    await history.append('c1', exchange(1), new Date());
    await history.append('c2', [{ role: 'user', content: 'otro cliente' }], new Date());
    await history.append('c1', exchange(2), new Date());
    expect(await history.load('c1')).toEqual([...exchange(1), ...exchange(2)]);
    expect(await history.load('c2')).toEqual([{ role: 'user', content: 'otro cliente' }]);
  });

  it('keeps about the last 30 messages, always from a customer message, in the database too', async () => {
    const history = new LlmHistoryStore(db);
    for (let n = 1; n <= 20; n += 1) await history.append('c1', exchange(n), new Date());
    const kept = await history.load('c1');
    expect(kept.length).toBeLessThanOrEqual(30);
    expect(kept.length).toBeGreaterThanOrEqual(25);
    expect(kept[0]).toEqual({ role: 'user', content: `mensaje ${20 - kept.length / 4 + 1}` });
    expect(kept.slice(-4)).toEqual(exchange(20));
    const rows = await db
      .selectFrom('llm_messages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('customer_id', '=', 'c1')
      .executeTakeFirstOrThrow();
    expect(Number(rows.n)).toBe(kept.length);
  });

  it('survives reopening the database, and forgets a customer who is deleted', async () => {
    await new LlmHistoryStore(db).append('c1', exchange(1), new Date());
    await storage.close();
    storage = await openAssistantDatabase(location);
    db = storage.db;
    expect(await new LlmHistoryStore(db).load('c1')).toEqual(exchange(1));
    await new CustomerStore(db).remove('c1');
    expect(await new LlmHistoryStore(db).load('c1')).toEqual([]);
  });

  it('drops what it cannot read rather than handing the model a broken conversation', async () => {
    const history = new LlmHistoryStore(db);
    await history.append('c1', exchange(1), new Date());
    await db.updateTable('llm_messages').set({ content: '{"role":"tool","content":"roto"}' }).where('customer_id', '=', 'c1').where('seq', '=', 3).execute();
    await history.append('c1', exchange(2), new Date());
    expect(await history.load('c1')).toEqual(exchange(2));
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CalendarToolError } from '../../src/calendar/calendar-port.js';
import { DEFAULT_MCP_CALL_TIMEOUT_MS, McpToolClient } from '../../src/calendar/mcp-tool-client.js';
import { type System, startSystem } from '../system-harness.js';

let system: System;

beforeAll(async () => {
  system = await startSystem();
  await system.addConnectedCustomer({ customer_id: 'lenta', email: 'lenta@ejemplo.com' });
});
afterAll(async () => {
  await system?.close();
});

describe('a tool call the MCP Calendar Server does not answer in time', () => {
  it('ends at the client timeout as an unreachable (unknown outcome) error instead of hanging', async () => {
    const client = new McpToolClient({ url: system.calendarServer.url, apiKey: system.assistantConfig.mcpApiKey, callTimeoutMs: 300 });
    await system.control('/faults', { endpoint: 'calendar.freebusy.query', latencyMs: 3_000, count: 1 });
    const started = Date.now();
    const start = new Date(Date.now() + 3 * 86_400_000);
    const error = await client
      .call('lenta', 'check_availability', { start: start.toISOString(), end: new Date(start.getTime() + 3_600_000).toISOString() })
      .catch((err: unknown) => err);
    expect(error).toBeInstanceOf(CalendarToolError);
    expect((error as CalendarToolError).code).toBe('unreachable');
    expect(Date.now() - started).toBeLessThan(2_500);
    await client.close();
  });

  it('waits longer by default than the server’s own 25 s deadline per call', () => {
    expect(DEFAULT_MCP_CALL_TIMEOUT_MS).toBeGreaterThan(25_000);
  });
});

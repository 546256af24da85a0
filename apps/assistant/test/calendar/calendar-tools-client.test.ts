import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CalendarToolError } from '../../src/calendar/calendar-port.js';
import { CalendarToolsClient } from '../../src/calendar/calendar-tools-client.js';
import { McpToolClient } from '../../src/calendar/mcp-tool-client.js';
import { type System, startSystem } from '../system-harness.js';

let system: System;
let mcp: McpToolClient;
let tools: CalendarToolsClient;

beforeAll(async () => {
  system = await startSystem();
  await system.addConnectedCustomer({ customer_id: 'tipado', email: 'tipado@ejemplo.com' });
  mcp = new McpToolClient({ url: system.calendarServer.url, apiKey: system.assistantConfig.mcpApiKey });
  tools = new CalendarToolsClient(mcp);
});
afterAll(async () => {
  await mcp?.close();
  await system?.close();
});

/** An hour `days` days ahead at 10:00 UTC. */
function slot(days: number): { start: string; end: string } {
  const start = new Date(Date.now() + days * 86_400_000);
  start.setUTCHours(10, 0, 0, 0);
  return { start: start.toISOString(), end: new Date(start.getTime() + 3_600_000).toISOString() };
}

async function failure(call: Promise<unknown>): Promise<CalendarToolError> {
  const err = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CalendarToolError);
  return err as CalendarToolError;
}

describe('the typed calendar tools client, against the real MCP Calendar Server', () => {
  it('returns the contract’s outputs', async () => {
    const info = await tools.getCalendarInfo('tipado');
    expect(info.email).toBe('tipado@ejemplo.com');
    const booked = await tools.createBooking('tipado', { ...slot(4), title: 'Tipada', idempotency_key: 'typed-client-1' });
    expect(booked.created).toBe(true);
    expect(booked.booking.status).toBe('confirmed');
    expect((await tools.checkAvailability('tipado', slot(4))).free).toBe(false);
    const { bookings } = await tools.listBookings('tipado', { range_start: slot(3).start, range_end: slot(5).start });
    expect(bookings.map((b) => b.booking_id)).toEqual([booked.booking.booking_id]);
  });

  it('reads the structured error: code, conflicts and bad fields', async () => {
    const busy = await failure(tools.createBooking('tipado', { ...slot(4), title: 'Otra', idempotency_key: 'typed-client-2' }));
    expect(busy.code).toBe('slot_unavailable');
    expect(busy.conflicts).toHaveLength(1);
    const bad = await failure(tools.createBooking('tipado', { start: slot(6).start, end: slot(6).end, duration_minutes: 60, title: ' ', idempotency_key: 'short' }));
    expect(bad.code).toBe('invalid_argument');
    expect(bad.issues.map((i) => i.path).sort()).toEqual(['duration_minutes', 'idempotency_key', 'title']);
    expect((await failure(tools.getCalendarInfo('nadie-tipado'))).code).toBe('not_connected');
    expect((await failure(tools.cancelBooking('tipado', { booking_id: 'no-existe' }))).code).toBe('not_found');
  });

  it('calls a tool named at run time (the LLM engine’s read tools) through the same parsing', async () => {
    const out = await tools.callByName('tipado', 'check_availability', slot(8));
    expect(out).toMatchObject({ free: true, conflicts: [] });
    expect((await failure(tools.callByName('tipado', 'check_availability', { start: 7 }))).issues.map((i) => i.path).sort()).toEqual(['end', 'start']);
  });
});

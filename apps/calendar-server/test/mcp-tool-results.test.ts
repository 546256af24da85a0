/**
 * The shape of every tool answer, through the official SDK client (which validates `structuredContent`
 * against the output schema, errors included): the schemas `tools/list` publishes (descriptions,
 * date-time formats, cross-field rules), a success's text block, the structured error of every kind of
 * failure (schema failures included), an unknown tool (-32602) and an unexpected exception (-32603).
 */
import type { AddressInfo } from 'node:net';
import { calendarTools } from '@agendo/contracts';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebindingPolicy } from '../src/mcp/dns-rebinding-guard.js';
import { mcpRoute } from '../src/mcp/mcp-route.js';
import { callTool, futureSlot, type Harness, startHarness, toolOk } from './harness.js';
import { toolError } from './tool-error.js';

const A = { id: 'cliente-resultados', email: 'resultados@ejemplo.com' };

let h: Harness;
let a: Client;

beforeAll(async () => {
  h = await startHarness();
  await h.connect(A.id, A.email);
  a = await h.mcp(A.id);
});
afterAll(async () => {
  await h?.close();
});

type JsonSchema = {
  type?: string;
  description?: string;
  format?: string;
  examples?: unknown[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  required?: string[];
};

/** Every property of a JSON Schema, nested ones included, by dotted path. */
function properties(schema: JsonSchema, prefix = ''): [string, JsonSchema][] {
  const out: [string, JsonSchema][] = [];
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const path = `${prefix}${name}`;
    out.push([path, property]);
    out.push(...properties(property, `${path}.`));
    if (property.items) out.push(...properties(property.items, `${path}[].`));
    for (const branch of property.anyOf ?? []) out.push(...properties(branch, `${path}.`));
  }
  return out;
}

describe('tools/list, from the contract', () => {
  it('lists exactly the contract’s tools', async () => {
    const { tools } = await a.listTools();
    expect(tools.map((t) => t.name)).toEqual(Object.keys(calendarTools));
  });

  it('describes every input and output property, and gives times format date-time and examples', async () => {
    const { tools } = await a.listTools();
    const undescribed: string[] = [];
    let times = 0;
    for (const tool of tools) {
      for (const [kind, schema] of [
        ['input', tool.inputSchema],
        ['output', tool.outputSchema],
      ] as const) {
        for (const [path, property] of properties(schema as JsonSchema)) {
          if (!property.description) undescribed.push(`${tool.name} ${kind} ${path}`);
          if (/(^|\.)(start|end|range_start|range_end|near|now)$/.test(path) && !path.startsWith('working_hours')) {
            times++;
            expect(property.format, `${tool.name} ${kind} ${path}`).toBe('date-time');
            expect(property.examples?.length, `${tool.name} ${kind} ${path}`).toBeGreaterThan(0);
          }
        }
      }
    }
    expect(undescribed).toEqual([]);
    expect(times).toBeGreaterThan(20);
  });

  it('says the cross-field rules in JSON Schema: exactly one of end/duration_minutes, at least one change', async () => {
    const byName = Object.fromEntries((await a.listTools()).tools.map((t) => [t.name, t]));
    expect((byName.create_booking?.inputSchema as JsonSchema | undefined)?.oneOf).toEqual([{ required: ['end'] }, { required: ['duration_minutes'] }]);
    expect((byName.update_booking?.inputSchema as JsonSchema | undefined)?.anyOf).toEqual([
      { required: ['start'] },
      { required: ['end'] },
      { required: ['title'] },
      { required: ['notes'] },
    ]);
  });
});

describe('a successful call', () => {
  it('has the JSON of its structuredContent as its only text block', async () => {
    const result = await callTool(a, 'check_availability', futureSlot(6, 10));
    const structured = toolOk<{ free: boolean }>(result);
    expect(structured.free).toBe(true);
    expect(result.content).toEqual([{ type: 'text', text: JSON.stringify(result.structuredContent) }]);
  });
});

describe('schema failures', () => {
  it('are an invalid_argument tool error with one issue per bad field, not a protocol error', async () => {
    const failed = toolError(await callTool(a, 'create_booking', { start: 42, duration_minutes: 'long', idempotency_key: 'x' }));
    expect(failed.code).toBe('invalid_argument');
    expect(failed.details?.issues?.map((i) => i.path).sort()).toEqual(['duration_minutes', 'idempotency_key', 'start', 'title']);
    for (const issue of failed.details?.issues ?? []) expect(issue.message.length).toBeGreaterThan(3);
    expect(failed.message).toContain('title');
  });

  it('name the nested field (working_hours.end) and check the cross-field rules', async () => {
    const slot = futureSlot(7, 8);
    const hours = toolError(
      await callTool(a, 'find_available_slots', {
        range_start: slot.start,
        range_end: futureSlot(8, 8).start,
        duration_minutes: 30,
        working_hours: { days: [1], start: '18:00', end: '09:00' },
      }),
    );
    expect(hours.details?.issues).toEqual([{ path: 'working_hours.end', message: expect.stringContaining('after') }]);
    const both = toolError(await callTool(a, 'create_booking', { ...slot, duration_minutes: 60, title: 'x', idempotency_key: 'both-end-and-duration' }));
    expect(both.details?.issues).toEqual([{ path: 'duration_minutes', message: 'give exactly one of end or duration_minutes' }]);
    const nothing = toolError(await callTool(a, 'update_booking', { booking_id: 'abc' }));
    expect(nothing.details?.issues).toEqual([{ path: '', message: expect.stringContaining('nothing to change') }]);
  });

  it('leave nothing booked', async () => {
    const slot = futureSlot(9, 10);
    toolError(await callTool(a, 'create_booking', { ...slot, duration_minutes: 60, title: 'x', idempotency_key: 'nothing-booked-1' }));
    expect(toolOk<{ free: boolean }>(await callTool(a, 'check_availability', slot)).free).toBe(true);
  });
});

describe('calendar errors, through the official client', () => {
  it('slot_unavailable carries the conflicts in details', async () => {
    const slot = futureSlot(10, 10);
    toolOk(await callTool(a, 'create_booking', { ...slot, title: 'Primera', idempotency_key: 'first-of-two-1' }));
    const failed = toolError(await callTool(a, 'create_booking', { ...slot, title: 'Segunda', idempotency_key: 'second-of-two-1' }));
    expect(failed.code).toBe('slot_unavailable');
    expect(failed.details?.conflicts).toHaveLength(1);
    expect(Date.parse(failed.details?.conflicts?.[0]?.start ?? '')).toBe(Date.parse(slot.start));
  });

  it('not_found, not_connected and an in-tool invalid_argument each have their code (and the field)', async () => {
    expect(toolError(await callTool(a, 'cancel_booking', { booking_id: 'no-such-booking' })).code).toBe('not_found');
    const stranger = await h.mcp('nadie-resultados');
    expect(toolError(await callTool(stranger, 'get_calendar_info')).code).toBe('not_connected');
    const slot = futureSlot(11, 10);
    const backwards = toolError(await callTool(a, 'check_availability', { start: slot.end, end: slot.start }));
    expect(backwards).toMatchObject({ code: 'invalid_argument', details: { issues: [{ path: 'end', message: 'end must be after start.' }] } });
  });
});

describe('protocol errors', () => {
  it('an unknown tool is JSON-RPC -32602', async () => {
    const error = await a.callTool({ name: 'no_such_tool', arguments: {} }).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(McpError);
    expect((error as McpError).code).toBe(ErrorCode.InvalidParams);
  });

  it('an unexpected exception inside a tool is JSON-RPC -32603, logged, with no detail of the cause', async () => {
    const logged: unknown[] = [];
    const app = Fastify({ logger: false });
    const bookings = {
      timeZone: () => {
        throw new TypeError('secret internals');
      },
    };
    await app.register(mcpRoute, { bookings: bookings as never, tokens: {} as never, rebinding: rebindingPolicy('127.0.0.1', [], []) });
    app.addHook('onRequest', async (request) => {
      request.log.error = ((fields: unknown) => logged.push(fields)) as never;
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const client = new Client({ name: 'unexpected-failure', version: '1.0.0' });
    try {
      await client.connect(
        new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}/mcp`), {
          requestInit: { headers: { 'x-customer-id': 'cliente-1' } },
        }),
      );
      const error = await client.callTool({ name: 'check_availability', arguments: futureSlot(3, 10) }).catch((err: unknown) => err);
      expect(error).toBeInstanceOf(McpError);
      expect((error as McpError).code).toBe(ErrorCode.InternalError);
      expect((error as McpError).message).toMatch(/Internal error/);
      expect((error as McpError).message).not.toMatch(/secret internals/);
      expect(logged).toEqual([expect.objectContaining({ tool: 'check_availability', err: expect.any(TypeError) })]);
    } finally {
      await client.close();
      await app.close();
    }
  });
});

/**
 * The bad-input catalogue: hundreds of distinct bad inputs across the four surfaces an outsider can
 * reach — MCP tool arguments and headers, the OAuth routes, the WhatsApp webhook and the admin API —
 * sent to the real services (the Google stand-in, the MCP Calendar Server, the assistant with its
 * WhatsApp channel and a Graph API stand-in). Each must get a clear 4xx or tool error, and leave
 * nothing behind: no row in either database, no event or grant at the stand-in, no WhatsApp message.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isCalendarToolName, toolErrorSchema } from '@agendo/contracts';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type System, startSystem } from '../apps/assistant/test/system-harness.js';
import { GraphApiStandIn } from '../apps/assistant/test/whatsapp/graph-api-stand-in.js';
import { adminApiCases } from './bad-inputs/admin-api-cases.js';
import type { BadInput, HttpBadInput, ToolBadInput } from './bad-inputs/bad-input.js';
import { mcpHttpCases, mcpToolCases } from './bad-inputs/mcp-cases.js';
import { oauthCases } from './bad-inputs/oauth-cases.js';
import { webhookCases } from './bad-inputs/webhook-cases.js';

const MCP_API_KEY = 'mcp-key-0123456789abcdefghijkl';
const ADMIN_TOKEN = 'admin-token-0123456789abcdefghij';
const WHATSAPP = {
  verifyToken: 'verify-token-catalogue',
  appSecret: 'app-secret-catalogue',
  accessToken: 'graph-token-catalogue',
  phoneNumberId: '106540352242922',
  apiVersion: 'v21.0',
};
const CUSTOMER = { customer_id: 'cliente-catalogo', email: 'catalogo@ejemplo.com', name: 'Cliente Catálogo', phone: '5215512345678' };

/** Tables whose rows a refused request may legitimately leave (throttling state, migrations). */
const BOOKKEEPING = /kysely_migration|login|throttl|attempt|session/i;

let system: System;
let graph: GraphApiStandIn;
let mcp: Client;
const answered: Record<string, number> = {};

/** Row counts of every table of a SQLite file (read-only, alongside the running service). */
function tableCounts(file: string): Record<string, number> {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[];
    return Object.fromEntries(tables.filter((t) => !BOOKKEEPING.test(t.name)).map((t) => [t.name, (db.prepare(`SELECT count(*) AS n FROM "${t.name}"`).get() as { n: number }).n]));
  } finally {
    db.close();
  }
}

/** Everything a bad input could have left behind. */
async function fingerprint(): Promise<unknown> {
  const state = (await (await fetch(`${system.emulator.url}/__emulator/state`)).json()) as Record<string, number>;
  const events = await system.events(CUSTOMER.email);
  return {
    standIn: { grants: state.grants, activeGrants: state.activeGrants, calendars: state.calendars, events: state.events, pendingRequests: state.pendingRequests },
    calendarEvents: events.map((e) => `${e.id}:${e.status}:${e.start.dateTime}`),
    tokens: tableCounts(path.join(system.dataDir, 'calendar', 'tokens.db')),
    assistant: tableCounts(path.join(system.dataDir, 'assistant', 'assistant.db')),
    whatsappSent: graph.messages.length,
  };
}

async function send(base: string, c: HttpBadInput): Promise<Response> {
  const headers: Record<string, string> = Object.fromEntries(Object.entries(c.headers ?? {}).filter(([, v]) => v !== ''));
  let body: string | undefined;
  if (c.body !== undefined) {
    body = typeof c.body === 'string' ? c.body : JSON.stringify(c.body);
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
  }
  return fetch(`${base}${c.path}`, { method: c.method, headers, ...(body === undefined ? {} : { body }) });
}

async function expectRefused(base: string, c: BadInput): Promise<void> {
  const before = await fingerprint();
  if (c.kind === 'http') {
    const res = await send(base, c);
    const text = await res.text();
    expect(res.status, `${c.name}: ${text.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
    expect(res.status, `${c.name}: ${text.slice(0, 300)}`).toBeLessThan(500);
    expect(c.status, `${c.name} answered ${res.status}: ${text.slice(0, 300)}`).toContain(res.status);
  } else {
    await expectToolError(c);
  }
  expect(await fingerprint(), `${c.name} left something behind`).toEqual(before);
}

/**
 * A bad tool call must end in the contract's structured tool error (`{"error":{code,message,details}}`
 * as the text block of an `isError` result, no `structuredContent`), naming the bad field in
 * `details.issues` when the case says which; only an unknown tool is a JSON-RPC error (-32602).
 */
async function expectToolError(c: ToolBadInput): Promise<void> {
  if (!isCalendarToolName(c.tool)) {
    const err = await mcp.callTool({ name: c.tool, arguments: c.args }).catch((e: unknown) => e);
    expect(err, `${c.name}`).toBeInstanceOf(McpError);
    expect((err as McpError).code, `${c.name}`).toBe(ErrorCode.InvalidParams);
    return;
  }
  const result = await mcp.callTool({ name: c.tool, arguments: c.args });
  const text = ((result.content ?? []) as { type: string; text?: string }[]).map((b) => b.text ?? '').join('');
  expect(result.isError, `${c.name} succeeded: ${text.slice(0, 300)}`).toBe(true);
  expect(result.structuredContent, `${c.name}`).toBeUndefined();
  const { error } = toolErrorSchema.parse(JSON.parse(text));
  expect(error.message.length, `${c.name}: ${text.slice(0, 300)}`).toBeGreaterThan(10);
  if (c.mentions) {
    expect(error.code, `${c.name}: ${text.slice(0, 300)}`).toBe('invalid_argument');
    expect(
      error.details?.issues?.map((i) => i.path),
      `${c.name}: ${text.slice(0, 300)}`,
    ).toContain(c.mentions);
  }
}

beforeAll(async () => {
  graph = await GraphApiStandIn.start({ accessToken: WHATSAPP.accessToken, phoneNumberIds: [WHATSAPP.phoneNumberId] });
  system = await startSystem({ whatsapp: { ...WHATSAPP, apiBaseUrl: graph.baseUrl } });
  await system.addConnectedCustomer(CUSTOMER);
  mcp = new Client({ name: 'bad-input-catalogue', version: '1.0.0' });
  await mcp.connect(
    new StreamableHTTPClientTransport(new URL(`${system.calendarServer.url}/mcp`), {
      requestInit: { headers: { authorization: `Bearer ${MCP_API_KEY}`, 'x-customer-id': CUSTOMER.customer_id } },
    }),
  );
  expect(fs.existsSync(path.join(system.dataDir, 'calendar', 'tokens.db'))).toBe(true);
}, 60_000);

afterAll(async () => {
  const total = Object.values(answered).reduce((a, b) => a + b, 0);
  const lines = Object.entries(answered).map(([surface, n]) => `  ${surface.padEnd(28)} ${String(n).padStart(4)}`);
  console.log(`bad-input catalogue: ${total} distinct bad inputs refused, nothing stored\n${lines.join('\n')}`);
  await mcp?.close();
  await system?.close();
  await graph?.close();
});

const surfaces: { name: string; base: () => string; cases: () => BadInput[] }[] = [
  { name: 'MCP tool arguments', base: () => system.calendarServer.url, cases: mcpToolCases },
  { name: 'MCP headers and bodies', base: () => system.calendarServer.url, cases: () => mcpHttpCases(MCP_API_KEY, CUSTOMER.customer_id) },
  { name: 'OAuth routes', base: () => system.calendarServer.url, cases: () => oauthCases(MCP_API_KEY) },
  {
    name: 'WhatsApp webhook',
    base: () => system.assistant.url,
    cases: () => webhookCases({ appSecret: WHATSAPP.appSecret, verifyToken: WHATSAPP.verifyToken, phoneNumberId: WHATSAPP.phoneNumberId, from: CUSTOMER.phone }),
  },
  { name: 'admin API', base: () => system.assistant.url, cases: () => adminApiCases(ADMIN_TOKEN, CUSTOMER) },
];

describe('the bad-input catalogue', () => {
  it('holds at least 200 distinct bad inputs', () => {
    const names = surfaces.flatMap((s) => s.cases().map((c) => `${s.name}: ${c.name}`));
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBeGreaterThanOrEqual(200);
  });

  for (const surface of surfaces) {
    describe(surface.name, () => {
      for (const c of surface.cases()) {
        it(`refuses ${c.name}`, async () => {
          await expectRefused(surface.base(), c);
          answered[surface.name] = (answered[surface.name] ?? 0) + 1;
        });
      }
    });
  }
});

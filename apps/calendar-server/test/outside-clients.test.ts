/**
 * The server held against outside MCP clients: the protocol's own conformance suite
 * (`@modelcontextprotocol/conformance`, its server scenarios that apply to a tools-only, stateless
 * server) and MCP Inspector's CLI in strict mode. Neither can send our two headers, so a small proxy
 * in front adds `Authorization` and `X-Customer-Id` and passes everything else (Host and Origin
 * included) through unchanged.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, type Harness, startHarness } from './harness.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);

/**
 * The conformance scenarios that apply to this server: it offers tools only (no resources, prompts,
 * logging, completion, sampling or elicitation), and the suite's other tool scenarios call the tools of
 * its own reference server (`test_simple_text`, `test_error_handling`, `test_image_content`…), which
 * this server does not have. (`tools-call-simple-text` and `tools-call-error` used to pass only because
 * the SDK's McpServer answered an unknown tool with an `isError` result; the spec makes an unknown tool
 * the protocol error -32602, which this server now answers — see mcp-tool-results.test.ts.)
 */
const APPLICABLE_SCENARIOS = ['server-initialize', 'ping', 'tools-list', 'dns-rebinding-protection'];

let h: Harness;
let proxy: http.Server;
let proxyUrl: string;
let workDir: string;

function run(command: string, args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, NODE_OPTIONS: '', HOME: cwd, MCP_CATALOG_PATH: path.join(cwd, 'mcp.json') } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  h = await startHarness();
  await h.connect('cliente-1', 'cliente1@ejemplo.com');
  const target = new URL(h.server.url);
  proxy = http.createServer((request, response) => {
    const upstream = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: request.url,
        method: request.method,
        headers: { ...request.headers, authorization: `Bearer ${API_KEY}`, 'x-customer-id': 'cliente-1' },
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', () => response.destroy());
    request.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/mcp`;
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'agendo-outside-clients-'));
});

afterAll(async () => {
  proxy?.close();
  await h?.close();
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

describe('the MCP conformance suite', { timeout: 120_000 }, () => {
  for (const scenario of APPLICABLE_SCENARIOS) {
    it(`passes every check of ${scenario}`, async () => {
      const result = await run(process.execPath, [bin('conformance'), 'server', '--url', proxyUrl, '--scenario', scenario], workDir);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the suite colours its output
      const summary = `${result.stdout}\n${result.stderr}`.replace(/\u001b\[[0-9;]*m/g, '');
      const counts = /Passed: (\d+)\/(\d+), (\d+) failed, (\d+) warnings/.exec(summary);
      expect(counts, summary).not.toBeNull();
      const [, passed, total, failed, warnings] = counts ?? [];
      expect({ passed: Number(passed), failed: Number(failed), warnings: Number(warnings) }, summary).toEqual({ passed: Number(total), failed: 0, warnings: 0 });
      expect(Number(passed)).toBeGreaterThan(0);
      expect(result.code, summary).toBe(0);
    });
  }
});

describe('MCP Inspector (CLI)', { timeout: 60_000 }, () => {
  const target = () => [bin('inspector'), '--cli', proxyUrl];

  it('lists the tools with no warning from its strict schema check', async () => {
    const result = await run(process.execPath, [...target(), '--method', 'tools/list', '--strict'], workDir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toMatch(/warning|error/i);
    const names = (JSON.parse(result.stdout) as { tools: { name: string }[] }).tools.map((t) => t.name).sort();
    expect(names).toEqual(['cancel_booking', 'check_availability', 'create_booking', 'find_available_slots', 'get_calendar_info', 'list_bookings', 'update_booking']);
  });

  it('calls a tool and gets its structured answer', async () => {
    const start = new Date(Date.now() + 5 * 86_400_000);
    const end = new Date(start.getTime() + 3_600_000);
    const result = await run(
      process.execPath,
      [...target(), '--method', 'tools/call', '--tool-name', 'check_availability', '--tool-arg', `start=${start.toISOString()}`, `end=${end.toISOString()}`],
      workDir,
    );
    expect(result.code, result.stderr).toBe(0);
    const answer = JSON.parse(result.stdout) as { structuredContent?: { free?: boolean }; isError?: boolean };
    expect(answer.isError ?? false).toBe(false);
    expect(answer.structuredContent?.free).toBe(true);
  });
});

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningAssistant, startAssistant } from '../../src/server.js';
import { ADMIN_TOKEN, type System, startSystem } from '../system-harness.js';
import { testDatabaseUrl } from '../test-database.js';

interface ChatRequest {
  model: string;
  messages: { role: string; content: string | null; tool_calls?: unknown[] }[];
  tools?: { type: string; function: { name: string } }[];
}

/** An OpenAI-compatible Chat Completions stand-in on 127.0.0.1: the first call asks for check_availability, the next ones answer. */
async function startChatApiStandIn(): Promise<{ url: string; requests: { authorization: string | undefined; body: ChatRequest }[]; close(): Promise<void> }> {
  const requests: { authorization: string | undefined; body: ChatRequest }[] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        res.writeHead(404).end();
        return;
      }
      const body = JSON.parse(raw) as ChatRequest;
      requests.push({ authorization: req.headers.authorization, body });
      const message =
        requests.length === 1
          ? {
              role: 'assistant',
              content: null,
              tool_calls: [
                {
                  id: 'call_1',
                  type: 'function',
                  function: { name: 'check_availability', arguments: JSON.stringify({ start: '2027-01-14T15:00:00-06:00', end: '2027-01-14T16:00:00-06:00' }) },
                },
              ],
            }
          : { role: 'assistant', content: '¡Hola Juan! Mañana a las 15:00 está libre.' };
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          id: `chatcmpl-${requests.length}`,
          object: 'chat.completion',
          created: 1_800_000_000,
          model: body.model,
          choices: [{ index: 0, message, finish_reason: requests.length === 1 ? 'tool_calls' : 'stop' }],
          usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const NOW = new Date('2027-01-13T10:00:00-06:00');
let s: System;
let api: Awaited<ReturnType<typeof startChatApiStandIn>>;
let llmAssistant: RunningAssistant;

beforeAll(async () => {
  s = await startSystem({ clock: () => NOW });
  await s.addConnectedCustomer({ customer_id: 'cliente-llm', email: 'llm@ejemplo.com', name: 'Juan Pérez' }, 'America/Mexico_City');
  api = await startChatApiStandIn();
  // A second assistant on its own database, configured like production with ASSISTANT_LLM_*.
  llmAssistant = await startAssistant(
    {
      ...s.assistantConfig,
      dbPath: path.join(s.dataDir, 'assistant-llm.db'),
      databaseUrl: await testDatabaseUrl(),
      llm: { baseUrl: api.url, model: 'modelo-de-prueba', apiKey: 'sk-prueba' },
    },
    { logger: false, clock: () => NOW },
  );
});
afterAll(async () => {
  await llmAssistant?.close();
  await api?.close();
  await s?.close();
});

const post = async (url: string, json: unknown) =>
  fetch(url, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(json) });

describe('choosing the engine', () => {
  it('keeps the embedded engine when config.llm is not set', async () => {
    expect(await s.chat('cliente-llm', 'Hola')).toEqual(['¡Hola Juan! Soy el asistente de reservas. ¿Para qué día y a qué hora quieres reservar?']);
    expect(api.requests).toHaveLength(0);
  });

  it('answers through the OpenAI-compatible API of config.llm, with the MCP tools, when it is set', async () => {
    expect((await post(`${llmAssistant.url}/api/admin/customers`, { customer_id: 'cliente-llm', email: 'llm@ejemplo.com', name: 'Juan Pérez' })).status).toBe(201);
    const res = await post(`${llmAssistant.url}/api/admin/chat`, { customer_id: 'cliente-llm', text: '¿Tienes mañana a las 3?' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ replies: ['¡Hola Juan! Mañana a las 15:00 está libre.'] });

    expect(api.requests).toHaveLength(2);
    const [first, second] = api.requests;
    expect(first?.authorization).toBe('Bearer sk-prueba');
    expect(first?.body.model).toBe('modelo-de-prueba');
    expect(first?.body.messages[0]?.role).toBe('system');
    expect(first?.body.messages[0]?.content).toContain('Juan Pérez');
    expect(first?.body.tools?.map((t) => t.function.name)).toEqual(expect.arrayContaining(['check_availability', 'find_available_slots', 'propose_booking', 'create_booking']));
    // The tool call reached the real MCP Calendar Server, and its answer went back to the model.
    const toolMessage = second?.body.messages.find((m) => m.role === 'tool');
    expect(JSON.parse(String(toolMessage?.content))).toMatchObject({ free: true, time_zone: 'America/Mexico_City' });
  });
});

import type { FastifyBaseLogger } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GraphApiClient } from '../../src/whatsapp/graph-api-client.js';
import { GraphApiStandIn } from './graph-api-stand-in.js';

const ACCESS_TOKEN = 'EAAG-real-token-abc123';
const PHONE_NUMBER_ID = '106540352242922';

/** A logger that records what it is given. */
function recordingLogger(): { log: FastifyBaseLogger; entries: { level: string; args: unknown[] }[] } {
  const entries: { level: string; args: unknown[] }[] = [];
  const log = {
    level: 'debug',
    child: () => log,
    ...Object.fromEntries(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((level) => [level, (...args: unknown[]) => entries.push({ level, args })])),
  } as unknown as FastifyBaseLogger;
  return { log, entries };
}

let standIn: GraphApiStandIn;

beforeEach(async () => {
  standIn = await GraphApiStandIn.start({ accessToken: ACCESS_TOKEN, phoneNumberIds: [PHONE_NUMBER_ID] });
});

afterEach(async () => {
  await standIn.close();
});

function client(overrides: { accessToken?: string; phoneNumberId?: string } = {}) {
  const recorder = recordingLogger();
  const graph = new GraphApiClient({
    config: {
      accessToken: overrides.accessToken ?? ACCESS_TOKEN,
      phoneNumberId: overrides.phoneNumberId ?? PHONE_NUMBER_ID,
      apiBaseUrl: `${standIn.baseUrl}/`,
      apiVersion: 'v21.0',
    },
    log: recorder.log,
    retryDelayMs: 5,
  });
  return { graph, ...recorder };
}

describe('GraphApiClient.sendText', () => {
  it('posts Meta’s text-message body and returns the wamid', async () => {
    const { graph } = client();
    const result = await graph.sendText('34600111222', 'Hola, ¿qué tal? 😀');
    expect(result).toMatchObject({ ok: true, attempts: 1 });
    expect(result.ok && result.messageId).toMatch(/^wamid\./);
    expect(standIn.messages).toEqual([
      {
        version: 'v21.0',
        phoneNumberId: PHONE_NUMBER_ID,
        authorization: `Bearer ${ACCESS_TOKEN}`,
        to: '34600111222',
        text: 'Hola, ¿qué tal? 😀',
        body: {
          messaging_product: 'whatsapp',
          recipient_type: 'individual',
          to: '34600111222',
          type: 'text',
          text: { preview_url: false, body: 'Hola, ¿qué tal? 😀' },
        },
      },
    ]);
  });

  it('reports and logs a rejected token once, with Graph’s message and without the token or text', async () => {
    const { graph, entries } = client({ accessToken: 'EAAG-wrong-token' });
    const result = await graph.sendText('34600111222', 'texto privado');
    expect(result).toMatchObject({
      ok: false,
      status: 401,
      attempts: 1,
      error: { type: 'OAuthException', code: 190 },
    });
    expect(result.ok ? '' : result.error.message).toMatch(/^Invalid OAuth access token/);
    expect(standIn.requestCount).toBe(1);

    const errors = entries.filter((entry) => entry.level === 'error');
    expect(errors).toHaveLength(1);
    const logged = JSON.stringify(entries);
    expect(logged).toContain('Invalid OAuth access token');
    expect(logged).not.toContain('EAAG-wrong-token');
    expect(logged).not.toContain('texto privado');
  });

  it('does not retry a 400', async () => {
    const { graph } = client({ phoneNumberId: '111' });
    const result = await graph.sendText('34600111222', 'Hola');
    expect(result).toMatchObject({ ok: false, status: 400, attempts: 1, error: { code: 100 } });
  });

  it('retries 429 and 5xx, then delivers', async () => {
    standIn.failNext(1, 429, '0');
    standIn.failNext(1, 503);
    const { graph, entries } = client();
    const result = await graph.sendText('34600111222', 'Hola');
    expect(result).toMatchObject({ ok: true, attempts: 3 });
    expect(standIn.requestCount).toBe(3);
    expect(standIn.texts).toEqual(['Hola']);
    expect(entries.filter((entry) => entry.level === 'warn')).toHaveLength(2);
  });

  it('gives up after 3 attempts', async () => {
    standIn.failNext(5, 500);
    const { graph, entries } = client();
    const result = await graph.sendText('34600111222', 'Hola');
    expect(result).toMatchObject({ ok: false, status: 500, attempts: 3, error: { message: 'An unknown error has occurred.' } });
    expect(standIn.requestCount).toBe(3);
    expect(standIn.messages).toEqual([]);
    expect(entries.filter((entry) => entry.level === 'error')).toHaveLength(1);
  });

  it('reports a network failure without throwing', async () => {
    const { graph } = client();
    await standIn.close();
    const result = await graph.sendText('34600111222', 'Hola');
    expect(result).toMatchObject({ ok: false, status: undefined, attempts: 3 });
    standIn = await GraphApiStandIn.start({ accessToken: ACCESS_TOKEN });
  });
});

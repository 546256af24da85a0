import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CANNED_REPLIES } from '../../src/whatsapp/canned-replies.js';
import { newMessageId, signedWebhook, textMessagePayload } from './webhook-fixtures.js';
import { APP_SECRET, CUSTOMER_WA_ID, PHONE_NUMBER_ID, startWebhookTestApp, UNKNOWN_WA_ID, type WebhookTestApp } from './webhook-test-app.js';

/** Issue 9, item 10: content types, oversized texts and the unknown-sender reply. */

let dir: string;
let t: WebhookTestApp | undefined;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agendo-webhook-limits-'));
});
afterEach(async () => {
  await t?.close();
  t = undefined;
  fs.rmSync(dir, { recursive: true, force: true });
});

function text(from: string, body: string, id = newMessageId()) {
  return textMessagePayload({ from, id, body, name: 'Juan', phoneNumberId: PHONE_NUMBER_ID });
}

/** A body signed like Meta, sent with another Content-Type (or none). */
function postWithContentType(url: string, payload: unknown, contentType: string | undefined): Promise<Response> {
  const { body, headers } = signedWebhook(APP_SECRET, payload);
  const { 'content-type': _json, ...rest } = headers;
  return fetch(url, { method: 'POST', headers: contentType === undefined ? rest : { ...rest, 'content-type': contentType }, body });
}

describe('content types and bodies the webhook does not take', () => {
  it('answers a signed body with Content-Type text/plain (and other non-JSON types) 415 with a JSON error, and processes nothing', async () => {
    t = await startWebhookTestApp({ dbFile: path.join(dir, 'assistant.db') });
    for (const type of ['text/plain', 'text/plain; charset=utf-8', 'application/x-www-form-urlencoded', 'application/octet-stream', 'multipart/form-data; boundary=x']) {
      const response = await postWithContentType(t.webhookUrl, text(CUSTOMER_WA_ID, 'Hola'), type);
      expect(response.status, type).toBe(415);
      expect(response.headers.get('content-type'), type).toMatch(/^application\/json/);
      expect(await response.json(), type).toMatchObject({ error: 'unsupported_media_type', message: expect.stringContaining('application/json') });
    }
    await t.background.idle();
    expect(t.engine.calls).toEqual([]);
    expect(t.graph.requestCount).toBe(0);
  });

  it('answers a body without Content-Type 415 and an empty JSON body 400, never 500', async () => {
    t = await startWebhookTestApp({ dbFile: path.join(dir, 'assistant.db') });
    const missing = await postWithContentType(t.webhookUrl, text(CUSTOMER_WA_ID, 'Hola'), undefined);
    expect(missing.status).toBe(415);
    const empty = await postWithContentType(t.webhookUrl, '', 'application/json');
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ error: expect.any(String), message: expect.any(String) });
    const malformed = await t.postSigned('{"object":');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: 'invalid_json' });
  });
});

describe('an oversized text', () => {
  it('is cut to WhatsApp’s 4,096 characters before the understanding sees it, with a warning in the log', async () => {
    t = await startWebhookTestApp({ dbFile: path.join(dir, 'assistant.db') });
    const huge = `quiero reservar mañana a las 10 ${'a'.repeat(200 * 1024)}`;
    const started = Date.now();
    const response = await t.postSigned(text(CUSTOMER_WA_ID, huge));
    expect(response.status).toBe(200);
    await t.background.idle();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(t.engine.calls).toHaveLength(1);
    expect(t.engine.calls[0]?.text).toBe(huge.slice(0, 4096));
    expect(t.logLines.join('\n')).toMatch(/truncated to 4096 characters/);
  });

  it('is cut without splitting an emoji in two', async () => {
    t = await startWebhookTestApp({ dbFile: path.join(dir, 'assistant.db') });
    const huge = `${'a'.repeat(4095)}😀😀😀`;
    await t.postSigned(text(CUSTOMER_WA_ID, huge));
    await t.background.idle();
    const seen = t.engine.calls[0]?.text ?? '';
    expect(seen).toBe('a'.repeat(4095));
    expect(() => encodeURIComponent(seen)).not.toThrow(); // no lone surrogate
  });
});

describe('the reply to an unknown number', () => {
  it('is sent at most once per sender per 24 h, and the limit survives a restart', async () => {
    const dbFile = path.join(dir, 'assistant.db');
    let now = new Date('2030-03-01T10:00:00Z');
    const clock = () => now;
    t = await startWebhookTestApp({ dbFile, clock });
    await t.postSigned(text(UNKNOWN_WA_ID, 'Hola'));
    await t.postSigned(text(UNKNOWN_WA_ID, 'Hola??'));
    await t.postSigned(text(UNKNOWN_WA_ID, 'Quiero una cita'));
    await t.background.idle();
    expect(t.graph.messages.map((m) => [m.to, m.text])).toEqual([[UNKNOWN_WA_ID, CANNED_REPLIES.unknownSender]]);
    expect(t.engine.calls).toEqual([]);
    await t.close();

    // Restarted on the same database, 23 h later: still nothing.
    now = new Date('2030-03-02T09:00:00Z');
    t = await startWebhookTestApp({ dbFile, clock });
    await t.postSigned(text(UNKNOWN_WA_ID, 'Hola otra vez'));
    await t.background.idle();
    expect(t.graph.messages).toEqual([]);

    // Another unknown number is told once, too.
    await t.postSigned(text('34611000111', 'Hola'));
    await t.background.idle();
    expect(t.graph.messages.map((m) => m.to)).toEqual(['34611000111']);

    // More than 24 h after the first reply: told again, once.
    now = new Date('2030-03-02T10:00:01Z');
    await t.postSigned(text(UNKNOWN_WA_ID, 'Sigo aquí'));
    await t.postSigned(text(UNKNOWN_WA_ID, 'Hola'));
    await t.background.idle();
    expect(t.graph.messages.map((m) => [m.to, m.text])).toEqual([
      ['34611000111', CANNED_REPLIES.unknownSender],
      [UNKNOWN_WA_ID, CANNED_REPLIES.unknownSender],
    ]);
  });
});

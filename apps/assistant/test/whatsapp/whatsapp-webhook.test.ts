import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CANNED_REPLIES } from '../../src/whatsapp/canned-replies.js';
import { messagesPayload, newMessageId, signedWebhook, statusesPayload, textMessage, textMessagePayload } from './webhook-fixtures.js';
import {
  ACCESS_TOKEN,
  APP_SECRET,
  CUSTOMER_WA_ID,
  PHONE_CUSTOMER,
  PHONE_NUMBER_ID,
  startWebhookTestApp,
  UNKNOWN_WA_ID,
  VERIFY_TOKEN,
  type WebhookTestApp,
} from './webhook-test-app.js';

let t: WebhookTestApp;

beforeEach(async () => {
  t = await startWebhookTestApp();
});

afterEach(async () => {
  await t.close();
});

function text(from: string, body: string, id = newMessageId()) {
  return textMessagePayload({ from, id, body, name: 'Juan Pérez', phoneNumberId: PHONE_NUMBER_ID });
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

describe('GET /webhooks/whatsapp (subscription handshake)', () => {
  const verifyUrl = (params: Record<string, string>) => `${t.webhookUrl}?${new URLSearchParams(params).toString()}`;

  it('echoes the challenge as plain text when the verify token matches', async () => {
    const response = await fetch(verifyUrl({ 'hub.mode': 'subscribe', 'hub.verify_token': VERIFY_TOKEN, 'hub.challenge': '1158201444' }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await response.text()).toBe('1158201444');
  });

  it('answers 403 for a wrong token, a wrong mode or missing parameters', async () => {
    const cases: Record<string, string>[] = [
      { 'hub.mode': 'subscribe', 'hub.verify_token': 'wrong-token', 'hub.challenge': '42' },
      { 'hub.mode': 'subscribe', 'hub.verify_token': `${VERIFY_TOKEN}x`, 'hub.challenge': '42' },
      { 'hub.mode': 'unsubscribe', 'hub.verify_token': VERIFY_TOKEN, 'hub.challenge': '42' },
      { 'hub.mode': 'subscribe', 'hub.challenge': '42' },
      {},
    ];
    for (const params of cases) {
      const response = await fetch(verifyUrl(params));
      expect(response.status, JSON.stringify(params)).toBe(403);
      expect(await response.text()).not.toContain('42');
    }
  });
});

describe('POST /webhooks/whatsapp', () => {
  it('answers 200 at once and sends the engine reply through the Graph API in Meta’s format', async () => {
    const response = await t.postSigned(text(CUSTOMER_WA_ID, 'Hola'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'received' });

    await t.background.idle();
    expect(t.engine.calls).toEqual([{ customerId: CUSTOMER_WA_ID, text: 'Hola' }]);
    expect(t.graph.messages).toHaveLength(1);
    const [sent] = t.graph.messages;
    expect(sent?.body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: CUSTOMER_WA_ID,
      type: 'text',
      text: { preview_url: false, body: 'eco: Hola' },
    });
    expect(sent?.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
    expect(sent?.version).toBe('v21.0');
    expect(sent?.phoneNumberId).toBe(PHONE_NUMBER_ID);
  });

  it('identifies a customer by their phone and answers before the engine has finished', async () => {
    const gate = deferred();
    t.engine.respond = async (_customerId, message) => {
      await gate.promise;
      return [`eco: ${message}`];
    };
    const response = await t.postSigned(text(PHONE_CUSTOMER.waId, 'Quiero reservar'));
    expect(response.status).toBe(200);
    expect(t.graph.messages).toHaveLength(0);
    await vi.waitFor(() => expect(t.engine.calls).toHaveLength(1));
    expect(await t.db.selectFrom('inbound_messages').select(['sender', 'status']).execute()).toEqual([{ sender: PHONE_CUSTOMER.waId, status: 'processing' }]);

    gate.resolve();
    await t.background.idle();
    expect(t.engine.calls).toEqual([{ customerId: PHONE_CUSTOMER.customerId, text: 'Quiero reservar' }]);
    expect(t.graph.messages.map((m) => [m.to, m.text])).toEqual([[PHONE_CUSTOMER.waId, 'eco: Quiero reservar']]);
  });

  it('sends every reply of the engine, in order', async () => {
    t.engine.respond = async () => ['Primero', 'Segundo', 'Tercero'];
    await t.postSigned(text(CUSTOMER_WA_ID, 'Hola'));
    await t.background.idle();
    expect(t.graph.texts).toEqual(['Primero', 'Segundo', 'Tercero']);
  });

  describe('signature over the raw bytes', () => {
    const accented = '¿Puedo reservar mañana a las 10:30? Árbol, niño, café 😀';

    it('accepts a body with raw UTF-8 accents and emoji signed over its exact bytes', async () => {
      const payload = text(CUSTOMER_WA_ID, accented);
      const { body } = signedWebhook(APP_SECRET, payload);
      expect(body).toContain('ñ');
      expect(body).toContain('😀');

      const response = await t.postSigned(payload);
      expect(response.status).toBe(200);
      await t.background.idle();
      expect(t.engine.calls).toEqual([{ customerId: CUSTOMER_WA_ID, text: accented }]);
      expect(t.graph.texts).toEqual([`eco: ${accented}`]);
    });

    it('accepts the same text sent with \\u escapes (as Meta does) signed over those bytes', async () => {
      const payload = text(CUSTOMER_WA_ID, accented);
      const { body } = signedWebhook(APP_SECRET, payload, { escapeNonAscii: true });
      expect(body).toContain('\\u00f1');
      expect(body).toContain('\\ud83d\\ude00');
      expect(body).not.toContain('ñ');

      const response = await t.postSigned(payload, { escapeNonAscii: true });
      expect(response.status).toBe(200);
      await t.background.idle();
      expect(t.engine.calls).toEqual([{ customerId: CUSTOMER_WA_ID, text: accented }]);
    });

    it('rejects a body whose signature was computed over a different serialisation of the same JSON', async () => {
      const payload = text(CUSTOMER_WA_ID, accented);
      const escaped = signedWebhook(APP_SECRET, payload, { escapeNonAscii: true });
      const raw = signedWebhook(APP_SECRET, payload);
      const response = await fetch(t.webhookUrl, {
        method: 'POST',
        headers: { ...raw.headers, 'x-hub-signature-256': escaped.headers['x-hub-signature-256'] },
        body: raw.body,
      });
      expect(response.status).toBe(401);
      await t.background.idle();
      expect(t.engine.calls).toEqual([]);
    });
  });

  it('answers 401 and processes nothing for a missing, malformed or wrong signature', async () => {
    const payload = text(CUSTOMER_WA_ID, 'Hola');
    const good = signedWebhook(APP_SECRET, payload);
    const wrongSecret = signedWebhook('another-secret', payload);
    const cases: Record<string, string>[] = [
      { 'content-type': 'application/json' },
      { 'content-type': 'application/json', 'x-hub-signature-256': wrongSecret.headers['x-hub-signature-256'] },
      { 'content-type': 'application/json', 'x-hub-signature-256': good.headers['x-hub-signature-256'].slice(7) },
      { 'content-type': 'application/json', 'x-hub-signature-256': 'sha256=' },
      { 'content-type': 'application/json', 'x-hub-signature-256': 'sha1=abcdef' },
    ];
    for (const headers of cases) {
      const response = await fetch(t.webhookUrl, { method: 'POST', headers, body: good.body });
      expect(response.status, JSON.stringify(headers)).toBe(401);
      expect(await response.json()).toMatchObject({ error: 'invalid_signature' });
    }
    // A valid signature over a tampered body.
    const tampered = good.body.replace('Hola', 'Adiós');
    const response = await fetch(t.webhookUrl, { method: 'POST', headers: good.headers, body: tampered });
    expect(response.status).toBe(401);

    await t.background.idle();
    expect(t.engine.calls).toEqual([]);
    expect(t.graph.requestCount).toBe(0);
    expect(await t.db.selectFrom('inbound_messages').selectAll().execute()).toEqual([]);
  });

  it('answers 400 for signed malformed JSON, and 401 for unsigned malformed JSON', async () => {
    const malformed = '{"object":"whatsapp_business_account","entry":[';
    const signed = await t.postSigned(malformed);
    expect(signed.status).toBe(400);
    expect(await signed.json()).toMatchObject({ error: 'invalid_json' });

    const unsigned = await fetch(t.webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: malformed,
    });
    expect(unsigned.status).toBe(401);
  });

  it('answers 400 for a signed payload that is not a WhatsApp notification', async () => {
    for (const payload of [
      { object: 'page', entry: [] },
      { object: 'whatsapp_business_account' },
      messagesPayload([{ from: CUSTOMER_WA_ID, id: newMessageId(), type: 'text' }], { phoneNumberId: PHONE_NUMBER_ID }),
    ]) {
      const response = await t.postSigned(payload);
      expect(response.status, JSON.stringify(payload)).toBe(400);
      expect(await response.json()).toMatchObject({ error: 'invalid_payload' });
    }
    await t.background.idle();
    expect(t.engine.calls).toEqual([]);
  });

  it('does nothing for a replayed webhook (same message id)', async () => {
    const payload = text(CUSTOMER_WA_ID, 'Hola', 'wamid.REPLAYED');
    expect((await t.postSigned(payload)).status).toBe(200);
    expect((await t.postSigned(payload)).status).toBe(200);
    await t.background.idle();
    expect((await t.postSigned(payload)).status).toBe(200);
    await t.background.idle();

    expect(t.engine.calls).toHaveLength(1);
    expect(t.graph.texts).toEqual(['eco: Hola']);
  });

  it('sends nothing for a statuses-only notification', async () => {
    for (const status of ['sent', 'delivered', 'read', 'failed'] as const) {
      const response = await t.postSigned(
        statusesPayload({
          recipientId: CUSTOMER_WA_ID,
          messageId: newMessageId(),
          status,
          phoneNumberId: PHONE_NUMBER_ID,
        }),
      );
      expect(response.status).toBe(200);
    }
    await t.background.idle();
    expect(t.engine.calls).toEqual([]);
    expect(t.graph.requestCount).toBe(0);
  });

  it('ignores changes of other fields and notifications for another phone number id', async () => {
    const otherField = {
      object: 'whatsapp_business_account',
      entry: [{ id: '1', changes: [{ field: 'message_template_status_update', value: { event: 'APPROVED' } }] }],
    };
    expect((await t.postSigned(otherField)).status).toBe(200);
    const otherNumber = textMessagePayload({
      from: CUSTOMER_WA_ID,
      id: newMessageId(),
      body: 'Hola',
      phoneNumberId: '999999999999999',
    });
    expect((await t.postSigned(otherNumber)).status).toBe(200);
    await t.background.idle();
    expect(t.engine.calls).toEqual([]);
    expect(t.graph.requestCount).toBe(0);
  });

  it('answers an unknown sender exactly once, politely, without the engine', async () => {
    const response = await t.postSigned(text(UNKNOWN_WA_ID, 'Quiero una cita'));
    expect(response.status).toBe(200);
    await t.background.idle();
    expect(t.engine.calls).toEqual([]);
    expect(t.graph.messages.map((m) => [m.to, m.text])).toEqual([[UNKNOWN_WA_ID, CANNED_REPLIES.unknownSender]]);
    expect(CANNED_REPLIES.unknownSender).toBe('Hola, no encuentro tu número entre nuestros clientes. Si quieres reservar, contacta con el negocio para que te registren.');
  });

  it('answers a non-text message with the polite "solo texto" reply', async () => {
    const image = {
      from: CUSTOMER_WA_ID,
      id: newMessageId(),
      type: 'image',
      image: { caption: 'mira', mime_type: 'image/jpeg', sha256: 'abc', id: '1479537139650973' },
    };
    const location = {
      from: CUSTOMER_WA_ID,
      id: newMessageId(),
      type: 'location',
      location: { latitude: 40.4168, longitude: -3.7038, name: 'Sol' },
    };
    await t.postSigned(messagesPayload([image, location], { phoneNumberId: PHONE_NUMBER_ID }));
    await t.background.idle();
    expect(t.engine.calls).toEqual([]);
    expect(t.graph.texts).toEqual(['Por ahora solo entiendo mensajes de texto.', 'Por ahora solo entiendo mensajes de texto.']);
  });

  it('treats a tapped interactive button or list row as text and ignores reactions', async () => {
    const button = {
      from: CUSTOMER_WA_ID,
      id: newMessageId(),
      type: 'interactive',
      interactive: { type: 'button_reply', button_reply: { id: 'confirm', title: 'Sí, confirmar' } },
    };
    const listRow = {
      from: CUSTOMER_WA_ID,
      id: newMessageId(),
      type: 'interactive',
      interactive: { type: 'list_reply', list_reply: { id: 'slot-1', title: 'Lunes 10:00', description: '30 min' } },
    };
    const reaction = {
      from: CUSTOMER_WA_ID,
      id: newMessageId(),
      type: 'reaction',
      reaction: { message_id: 'wamid.X', emoji: '👍' },
    };
    await t.postSigned(messagesPayload([button, listRow, reaction], { phoneNumberId: PHONE_NUMBER_ID }));
    await t.background.idle();
    expect(t.engine.calls.map((call) => call.text)).toEqual(['Sí, confirmar', 'Lunes 10:00']);
    expect(t.graph.texts).toEqual(['eco: Sí, confirmar', 'eco: Lunes 10:00']);
  });

  it('retries a Graph API 500 and delivers the reply', async () => {
    t.graph.failNext(1, 500);
    await t.postSigned(text(CUSTOMER_WA_ID, 'Hola'));
    await t.background.idle();
    expect(t.graph.requestCount).toBe(2);
    expect(t.graph.texts).toEqual(['eco: Hola']);
  });

  it('answers several messages of one sender in one webhook in order', async () => {
    // The first message takes longest: handled concurrently, its reply would come last.
    const delays: Record<string, number> = { uno: 60, dos: 30, tres: 0 };
    t.engine.respond = async (_customerId, message) => {
      await new Promise((resolve) => setTimeout(resolve, delays[message] ?? 0));
      return [`eco: ${message}`];
    };
    const payload = messagesPayload(
      [textMessage(CUSTOMER_WA_ID, newMessageId(), 'uno'), textMessage(CUSTOMER_WA_ID, newMessageId(), 'dos'), textMessage(CUSTOMER_WA_ID, newMessageId(), 'tres')],
      { phoneNumberId: PHONE_NUMBER_ID },
    );
    await t.postSigned(payload);
    await t.background.idle();
    expect(t.engine.calls.map((call) => call.text)).toEqual(['uno', 'dos', 'tres']);
    expect(t.graph.texts).toEqual(['eco: uno', 'eco: dos', 'eco: tres']);
  });

  it('keeps one sender’s order across webhooks while other senders are answered meanwhile', async () => {
    const gate = deferred();
    t.engine.respond = async (customerId, message) => {
      if (customerId === CUSTOMER_WA_ID && message === 'primero') await gate.promise;
      return [`eco: ${message}`];
    };
    await t.postSigned(text(CUSTOMER_WA_ID, 'primero'));
    await t.postSigned(text(CUSTOMER_WA_ID, 'segundo'));
    await t.postSigned(text(PHONE_CUSTOMER.waId, 'otra persona'));

    await vi.waitFor(() => expect(t.graph.texts).toEqual(['eco: otra persona']), { timeout: 2_000 });
    expect(t.engine.calls.map((call) => call.text)).not.toContain('segundo');

    gate.resolve();
    await t.background.idle();
    expect(t.graph.texts).toEqual(['eco: otra persona', 'eco: primero', 'eco: segundo']);
  });

  it('sends a Spanish apology when the engine fails, and keeps serving', async () => {
    t.engine.respond = async () => {
      throw new Error('engine exploded');
    };
    await t.postSigned(text(CUSTOMER_WA_ID, 'Hola'));
    await t.background.idle();
    expect(t.graph.texts).toEqual([CANNED_REPLIES.engineFailure]);

    t.engine.respond = async (_customerId, message) => [`eco: ${message}`];
    await t.postSigned(text(CUSTOMER_WA_ID, 'Otra vez'));
    await t.background.idle();
    expect(t.graph.texts).toEqual([CANNED_REPLIES.engineFailure, 'eco: Otra vez']);
  });

  it('never logs the secrets, the access token or message bodies', async () => {
    const secretText = 'mi-texto-privado-123';
    t.graph.failNext(3, 500);
    await t.postSigned(text(CUSTOMER_WA_ID, secretText));
    await t.postSigned(text(UNKNOWN_WA_ID, secretText));
    await fetch(`${t.webhookUrl}?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1`);
    await t.background.idle();

    const logs = t.logLines.join('\n');
    expect(logs).toContain(CUSTOMER_WA_ID); // phone numbers may be logged
    expect(logs).toContain('An unknown error has occurred.'); // the Graph error message is
    for (const secret of [APP_SECRET, ACCESS_TOKEN, secretText, 'eco: ']) {
      expect(logs).not.toContain(secret);
    }
  });

  it('waits for in-flight processing on app.close()', async () => {
    const gate = deferred();
    t.engine.respond = async (_customerId, message) => {
      await gate.promise;
      return [`eco: ${message}`];
    };
    await t.postSigned(text(CUSTOMER_WA_ID, 'Hola'));
    await vi.waitFor(() => expect(t.engine.calls).toHaveLength(1));
    let closed = false;
    const closing = t.app.close().then(() => {
      closed = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(closed).toBe(false);
    gate.resolve();
    await closing;
    expect(t.graph.texts).toEqual(['eco: Hola']);
  });
});

describe('encapsulation', () => {
  it('leaves the JSON parser of the rest of the app untouched', async () => {
    const other = await startWebhookTestApp({
      configure: (app) => {
        app.post('/echo', async (request) => ({ received: request.body }));
      },
    });
    try {
      const response = await fetch(`${other.baseUrl}/echo`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ a: 'ñ' }),
      });
      expect(await response.json()).toEqual({ received: { a: 'ñ' } });
    } finally {
      await other.close();
    }
  });
});

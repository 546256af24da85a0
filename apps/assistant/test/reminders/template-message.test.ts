import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REMINDER_TEMPLATE_BODY } from '../../src/reminders/reminder-message.js';
import { GraphApiClient } from '../../src/whatsapp/graph-api-client.js';
import { GraphApiStandIn } from '../whatsapp/graph-api-stand-in.js';

/**
 * The reminder's template message in Meta's Cloud API shape: the client sends it so, and the stand-in
 * refuses anything else the way Meta does (unknown template, wrong number of parameters, bad shape).
 */

const ACCESS_TOKEN = 'EAAG-template-token';
const PHONE_NUMBER_ID = '109876543217777';
let graph: GraphApiStandIn;
let client: GraphApiClient;

beforeAll(async () => {
  graph = await GraphApiStandIn.start({ accessToken: ACCESS_TOKEN, phoneNumberIds: [PHONE_NUMBER_ID], templates: { recordatorio_reserva: REMINDER_TEMPLATE_BODY } });
  client = new GraphApiClient({ config: { accessToken: ACCESS_TOKEN, phoneNumberId: PHONE_NUMBER_ID, apiBaseUrl: graph.baseUrl, apiVersion: 'v21.0' }, maxAttempts: 1 });
});
afterAll(async () => {
  await graph?.close();
});

const post = (body: unknown) =>
  fetch(client.messagesUrl, { method: 'POST', headers: { authorization: `Bearer ${ACCESS_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('the reminder template message', () => {
  it('is sent in the Cloud API shape and read as the approved body with its parameters', async () => {
    const result = await client.sendTemplate('5215512345678', {
      name: 'recordatorio_reserva',
      language: 'es',
      bodyParameters: ['mañana miércoles 4 de marzo', '15:00', 'Peluquería Sol'],
    });
    expect(result).toMatchObject({ ok: true, messageId: expect.stringMatching(/^wamid\./) });
    expect(graph.messages.at(-1)?.text).toBe('Recordatorio: mañana miércoles 4 de marzo a las 15:00 tienes tu reserva con Peluquería Sol. Responde «cancelar» si no puedes.');
  });

  it('an unknown template or language is refused with Meta error 132001', async () => {
    const result = await client.sendTemplate('5215512345678', { name: 'no_such_template', language: 'es', bodyParameters: ['a', 'b', 'c'] });
    expect(result).toMatchObject({ ok: false, status: 404, delivery: 'not_sent', error: { code: 132001, type: 'OAuthException' } });
    const english = await client.sendTemplate('5215512345678', { name: 'recordatorio_reserva', language: 'en_US', bodyParameters: ['a', 'b', 'c'] });
    expect(english).toMatchObject({ ok: false, error: { code: 132001 } });
  });

  it('the wrong number of body parameters is refused with Meta error 132000', async () => {
    const result = await client.sendTemplate('5215512345678', { name: 'recordatorio_reserva', language: 'es', bodyParameters: ['mañana', '15:00'] });
    expect(result).toMatchObject({ ok: false, status: 400, error: { code: 132000 } });
  });

  it('a template body without the Cloud API shape gets a 400 with code 100', async () => {
    const before = graph.messages.length;
    const base = { messaging_product: 'whatsapp', to: '5215512345678', type: 'template' };
    for (const template of [
      undefined,
      { name: 'recordatorio_reserva' },
      { name: 'recordatorio_reserva', language: { code: 'es' }, components: [{ type: 'body', parameters: ['mañana', '15:00', 'Sol'] }] },
      {
        name: 'recordatorio_reserva',
        language: { code: 'es' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'dos\nlíneas' },
              { type: 'text', text: '15:00' },
              { type: 'text', text: 'Sol' },
            ],
          },
        ],
      },
    ]) {
      const res = await post({ ...base, template });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { code: number; type: string; fbtrace_id: string; error_data: { details: string } } };
      expect(body.error).toMatchObject({ code: 100, type: 'OAuthException', fbtrace_id: expect.any(String), error_data: { details: expect.any(String) } });
    }
    expect(graph.messages.length).toBe(before);
  });
});

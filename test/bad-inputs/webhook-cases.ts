import { createHmac } from 'node:crypto';
import type { BadInput } from './bad-input.js';

const sign = (secret: string, body: string) => `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;

/** A real-looking text message notification from `from`. */
export function textNotification(phoneNumberId: string, from: string, id: string, body: string): string {
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '34910000000', phone_number_id: phoneNumberId },
              contacts: [{ profile: { name: 'Cliente' }, wa_id: from }],
              messages: [{ from, id, timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body } }],
            },
          },
        ],
      },
    ],
  });
}

/** Bad deliveries to the WhatsApp webhook: forged or missing signatures, wrong types, broken bodies, bad handshakes. */
export function webhookCases(options: { appSecret: string; verifyToken: string; phoneNumberId: string; from: string }): BadInput[] {
  const { appSecret, verifyToken, phoneNumberId, from } = options;
  const body = textNotification(phoneNumberId, from, 'wamid.BAD-INPUT-1', 'quiero reservar mañana a las 5');
  const post = (name: string, payload: string, headers: Record<string, string>, status: readonly number[]): BadInput => ({
    kind: 'http',
    name,
    method: 'POST',
    path: '/webhooks/whatsapp',
    headers,
    body: payload,
    status,
  });
  const json = { 'content-type': 'application/json' };
  const cases: BadInput[] = [
    post('no signature', body, json, [401, 403]),
    post('an empty signature', body, { ...json, 'x-hub-signature-256': '' }, [401, 403]),
    post('a signature without "sha256="', body, { ...json, 'x-hub-signature-256': sign(appSecret, body).slice(7) }, [401, 403]),
    post('a sha1 signature', body, { ...json, 'x-hub-signature-256': `sha1=${createHmac('sha1', appSecret).update(body).digest('hex')}` }, [401, 403]),
    post('a signature made with another secret', body, { ...json, 'x-hub-signature-256': sign('another-secret', body) }, [401, 403]),
    post('a signature of another body', body, { ...json, 'x-hub-signature-256': sign(appSecret, `${body} `) }, [401, 403]),
    post('a signature in upper case hex of another body', body, { ...json, 'x-hub-signature-256': sign(appSecret, 'x').toUpperCase() }, [401, 403]),
    post('a truncated signature', body, { ...json, 'x-hub-signature-256': sign(appSecret, body).slice(0, 40) }, [401, 403]),
    post('a signature with non-hex characters', body, { ...json, 'x-hub-signature-256': `sha256=${'z'.repeat(64)}` }, [401, 403]),
    post('the body changed after signing', body.replace('mañana a las 5', 'mañana a las 6'), { ...json, 'x-hub-signature-256': sign(appSecret, body) }, [401, 403]),
    post('a signed text/plain body', body, { 'content-type': 'text/plain', 'x-hub-signature-256': sign(appSecret, body) }, [415]),
    post('a signed form body', body, { 'content-type': 'application/x-www-form-urlencoded', 'x-hub-signature-256': sign(appSecret, body) }, [415]),
    post('a signed XML body', '<xml/>', { 'content-type': 'application/xml', 'x-hub-signature-256': sign(appSecret, '<xml/>') }, [415]),
    post('signed broken JSON', '{"object":', { ...json, 'x-hub-signature-256': sign(appSecret, '{"object":') }, [400]),
    post('signed empty body', '', { ...json, 'x-hub-signature-256': sign(appSecret, '') }, [400]),
    post('unsigned broken JSON', '{"object":', json, [400, 401, 403]),
    post(
      'a body over the size limit',
      JSON.stringify({ object: 'whatsapp_business_account', pad: 'x'.repeat(2_000_000) }),
      { ...json, 'x-hub-signature-256': 'sha256=00' },
      [401, 403, 413],
    ),
  ];
  const verify = (name: string, query: string): BadInput => ({ kind: 'http', name: `handshake ${name}`, method: 'GET', path: `/webhooks/whatsapp${query}`, status: [400, 403] });
  cases.push(
    verify('without parameters', ''),
    verify('with a wrong verify token', `?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=123`),
    verify('with an empty verify token', `?hub.mode=subscribe&hub.verify_token=&hub.challenge=123`),
    verify('with the token in another case', `?hub.mode=subscribe&hub.verify_token=${encodeURIComponent(verifyToken.toUpperCase())}x&hub.challenge=123`),
    verify('with mode "unsubscribe"', `?hub.mode=unsubscribe&hub.verify_token=${encodeURIComponent(verifyToken)}&hub.challenge=123`),
    verify('without a challenge', `?hub.mode=subscribe&hub.verify_token=${encodeURIComponent(verifyToken)}`),
    verify('without a mode', `?hub.verify_token=${encodeURIComponent(verifyToken)}&hub.challenge=123`),
  );
  return cases;
}

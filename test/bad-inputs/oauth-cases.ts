import { type BadInput, INVALID } from './bad-input.js';

const json = (auth: string) => ({ authorization: `Bearer ${auth}`, 'content-type': 'application/json' });

/** Bad requests to the calendar server's OAuth routes; `auth` is the good bearer key. */
export function oauthCases(auth: string): BadInput[] {
  const headers = json(auth);
  const authorize = (name: string, body: unknown, status: readonly number[] = INVALID, extra: Record<string, string> = {}): BadInput => ({
    kind: 'http',
    name: `authorize ${name}`,
    method: 'POST',
    path: '/oauth/authorize',
    headers: { ...headers, ...extra },
    body,
    status,
  });
  const good = { customer_id: 'cliente-1', email: 'cliente1@ejemplo.com' };
  const cases: BadInput[] = [
    authorize('without a bearer key', good, [401], { authorization: '' }),
    authorize('with a wrong bearer key', good, [401], { authorization: 'Bearer nope-nope-nope-nope-nope-nope' }),
    authorize('with an empty body', {}),
    authorize('with a JSON array', [good]),
    authorize('with a JSON string', '"cliente-1"'),
    authorize('with broken JSON', '{"customer_id":'),
    authorize('with a form body', 'customer_id=cliente-1&email=c%40e.com', [400, 415], { 'content-type': 'application/x-www-form-urlencoded' }),
    authorize('without customer_id', { email: good.email }),
    authorize('without email', { customer_id: good.customer_id }),
    authorize('with customer_id null', { ...good, customer_id: null }),
    authorize('with customer_id a number', { ...good, customer_id: 123 }),
    authorize('with an empty customer_id', { ...good, customer_id: '' }),
    authorize('with a customer_id of 65 characters', { ...good, customer_id: 'c'.repeat(65) }),
    authorize('with a space in customer_id', { ...good, customer_id: 'cliente 1' }),
    authorize('with a slash in customer_id', { ...good, customer_id: 'a/b' }),
    authorize('with a quote in customer_id', { ...good, customer_id: "a'b" }),
    authorize('with an accent in customer_id', { ...good, customer_id: 'josé' }),
    authorize('with an email without @', { ...good, email: 'cliente.ejemplo.com' }),
    authorize('with an email without a domain', { ...good, email: 'cliente@' }),
    authorize('with two @ in the email', { ...good, email: 'a@b@c.com' }),
    authorize('with spaces in the email', { ...good, email: 'cli ente@ejemplo.com' }),
    authorize('with an email of 300 characters', { ...good, email: `${'a'.repeat(290)}@ejemplo.com` }),
    authorize('with an email as a list', { ...good, email: ['a@b.com'] }),
    authorize('with a name of 1,000 characters', { ...good, name: 'n'.repeat(1000) }),
    authorize('with delivery "sms"', { ...good, delivery: 'sms' }),
    authorize('with delivery a number', { ...good, delivery: 7 }),
  ];
  const callback = (name: string, query: string, status: readonly number[]): BadInput => ({
    kind: 'http',
    name: `callback ${name}`,
    method: 'GET',
    path: `/oauth/callback${query}`,
    status,
  });
  cases.push(
    callback('without parameters', '', [400]),
    callback('with a code but no state', '?code=abc', [400]),
    callback('with a state but no code', '?state=abc', [400]),
    callback('with an unknown state', '?code=abc&state=unknown-state-value', [400]),
    callback('with an empty state', '?code=abc&state=', [400]),
    callback('with two states', '?code=abc&state=a&state=b', [400]),
    callback('with a state of 5,000 characters', `?code=abc&state=${'s'.repeat(5000)}`, [400, 414, 431]),
    callback('with access_denied and an unknown state', '?error=access_denied&state=unknown-state-value', [400, 403]),
    callback('with an unknown error and no state', '?error=server_error', [400]),
    callback('with script in the state', '?code=abc&state=%3Cscript%3Ealert(1)%3C%2Fscript%3E', [400]),
  );
  const status = (name: string, id: string, code: readonly number[] = INVALID): BadInput => ({
    kind: 'http',
    name: `status ${name}`,
    method: 'GET',
    path: `/oauth/status/${id}`,
    headers: { authorization: `Bearer ${auth}` },
    status: code,
  });
  cases.push(
    status('of an id of 65 characters', 'c'.repeat(65)),
    status('of an id with a space', 'cliente%201'),
    status('of an id with a quote', "a'b"),
    status('of an id with an accent', 'jos%C3%A9'),
    status('without a bearer key', 'cliente-1', [401]),
  );
  cases[cases.length - 1] = { ...(cases[cases.length - 1] as Extract<BadInput, { kind: 'http' }>), headers: {} };
  const statuses = (name: string, body: unknown): BadInput => ({ kind: 'http', name: `statuses ${name}`, method: 'POST', path: '/oauth/statuses', headers, body, status: INVALID });
  cases.push(
    statuses('without customer_ids', {}),
    statuses('with customer_ids a string', { customer_ids: 'cliente-1' }),
    statuses('with 101 ids', { customer_ids: Array.from({ length: 101 }, (_, i) => `c${i}`) }),
    statuses('with a bad id among them', { customer_ids: ['cliente-1', 'bad id'] }),
    statuses('with a number among them', { customer_ids: [1] }),
  );
  const disconnect = (name: string, id: string, code: readonly number[] = INVALID, extra: Record<string, string> = {}): BadInput => ({
    kind: 'http',
    name: `disconnect ${name}`,
    method: 'DELETE',
    path: `/oauth/connections/${id}`,
    headers: { authorization: `Bearer ${auth}`, ...extra },
    status: code,
  });
  cases.push(
    disconnect('an id with a space', 'cliente%201'),
    disconnect('an id of 65 characters', 'c'.repeat(65)),
    disconnect('without a bearer key', 'cliente-1', [401], { authorization: 'Bearer x' }),
  );
  cases.push({ kind: 'http', name: 'metrics without a bearer key', method: 'GET', path: '/metrics', status: [401] });
  return cases;
}

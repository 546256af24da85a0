import { type BadInput, INVALID } from './bad-input.js';

/** Bad requests to the assistant's admin API; `token` is the good bearer token, `existing` a customer already there. */
export function adminApiCases(token: string, existing: { customer_id: string; phone: string }): BadInput[] {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const create = (name: string, body: unknown, status: readonly number[] = INVALID, extra: Record<string, string> = {}): BadInput => ({
    kind: 'http',
    name: `create customer ${name}`,
    method: 'POST',
    path: '/api/admin/customers',
    headers: { ...headers, ...extra },
    body,
    status,
  });
  const good = { customer_id: 'nuevo-1', email: 'nuevo1@ejemplo.com', name: 'Nuevo Uno' };
  const cases: BadInput[] = [
    create('without a token', good, [401], { authorization: '' }),
    create('with a wrong token', good, [401], { authorization: 'Bearer wrong-token-wrong-token-wrong' }),
    create('with a session cookie that does not exist', good, [401], { authorization: '', cookie: 'agendo_admin=forged-session' }),
    create('with an empty body', {}),
    create('with a JSON array', [good]),
    create('with broken JSON', '{"customer_id":'),
    create('with a text/plain body', JSON.stringify(good), [400, 415], { 'content-type': 'text/plain' }),
    create('with a duplicate ID', { ...good, customer_id: existing.customer_id }, [409]),
    create("with an ID equal to another customer's phone", { ...good, customer_id: existing.phone }, [409]),
    create("with a phone equal to another customer's ID", { ...good, phone: existing.customer_id.replace(/\D/g, '') || existing.phone }, [409]),
    create("with another customer's phone", { ...good, phone: `+${existing.phone}` }, [409]),
  ];
  for (const id of ['', ' ', 'a b', 'a/b', "a'b", 'a"b', 'a<b', 'josé', 'c'.repeat(65), '../etc/passwd', 'a;drop table customers', 'a\nb', '%00']) {
    cases.push(create(`with the ID ${JSON.stringify(id.length > 20 ? `${id.slice(0, 12)}…` : id)}`, { ...good, customer_id: id }));
  }
  cases.push(create('with the ID a number', { ...good, customer_id: 42 }), create('with the ID null', { ...good, customer_id: null }));
  for (const email of [
    '',
    'nuevo',
    'nuevo@',
    '@ejemplo.com',
    'nuevo@ejemplo',
    'nue vo@ejemplo.com',
    'a@b@c.com',
    `${'a'.repeat(250)}@ejemplo.com`,
    'nuevo@ejemplo..com',
    '<script>@x.com',
  ]) {
    cases.push(create(`with the email ${JSON.stringify(email.length > 30 ? `${email.slice(0, 12)}…` : email)}`, { ...good, email }));
  }
  cases.push(create('without an email', { customer_id: good.customer_id }), create('with the email a number', { ...good, email: 7 }));
  for (const phone of ['123', '12345', 'abc', '+0 555 1234 5678', '+52 55 1234 5678 9999 99', '555-CALL-NOW', '+', '00', '++34911111111']) {
    cases.push(create(`with the phone ${JSON.stringify(phone)}`, { ...good, phone }));
  }
  cases.push(
    create('with a name of 200 characters', { ...good, name: 'n'.repeat(200) }),
    create('with the name a list', { ...good, name: ['a'] }),
    create('with the time zone "Mars/Olympus"', { ...good, time_zone: 'Mars/Olympus' }),
    create('with the time zone "UTC+25"', { ...good, time_zone: 'UTC+25' }),
  );
  const patch = (name: string, id: string, body: unknown, status: readonly number[] = INVALID): BadInput => ({
    kind: 'http',
    name: `edit customer ${name}`,
    method: 'PATCH',
    path: `/api/admin/customers/${id}`,
    headers,
    body,
    status,
  });
  cases.push(
    patch('with a bad email', existing.customer_id, { email: 'no-es-un-email' }),
    patch('with a bad phone', existing.customer_id, { phone: '12' }),
    patch('with a bad time zone', existing.customer_id, { time_zone: 'Nowhere/Land' }),
    patch('with a name of 500 characters', existing.customer_id, { name: 'n'.repeat(500) }),
    patch('of an ID with a space', 'a%20b', { name: 'x' }),
    patch('of an unknown customer', 'no-existe', { name: 'x' }, [404]),
    patch('with broken JSON', existing.customer_id, '{"name":'),
  );
  const get = (name: string, path: string, status: readonly number[] = INVALID): BadInput => ({
    kind: 'http',
    name,
    method: 'GET',
    path,
    headers: { authorization: `Bearer ${token}` },
    status,
  });
  cases.push(
    get('list page 0', '/api/admin/customers?page=0'),
    get('list page -1', '/api/admin/customers?page=-1'),
    get('list page "abc"', '/api/admin/customers?page=abc'),
    get('list page 1.5', '/api/admin/customers?page=1.5'),
    get('list page_size 0', '/api/admin/customers?page_size=0'),
    get('list page_size 1000', '/api/admin/customers?page_size=1000'),
    get('list search of 500 characters', `/api/admin/customers?q=${'q'.repeat(500)}`),
    get('one customer with an ID of 65 characters', `/api/admin/customers/${'c'.repeat(65)}`),
    get('one unknown customer', '/api/admin/customers/no-existe', [404]),
    get('the calendar of an unknown customer', '/api/admin/customers/no-existe/calendar', [404]),
    get('the calendar of an ID with a quote', "/api/admin/customers/a'b/calendar"),
    { kind: 'http', name: 'list without a token', method: 'GET', path: '/api/admin/customers', status: [401] },
    { kind: 'http', name: 'delete an unknown customer', method: 'DELETE', path: '/api/admin/customers/no-existe', headers: { authorization: `Bearer ${token}` }, status: [404] },
    { kind: 'http', name: 'delete an ID with a space', method: 'DELETE', path: '/api/admin/customers/a%20b', headers: { authorization: `Bearer ${token}` }, status: INVALID },
    { kind: 'http', name: 'delete without a token', method: 'DELETE', path: `/api/admin/customers/${existing.customer_id}`, status: [401] },
  );
  const post = (name: string, path: string, body: unknown, status: readonly number[] = INVALID): BadInput => ({ kind: 'http', name, method: 'POST', path, headers, body, status });
  cases.push(
    post('connect an unknown customer', '/api/admin/customers/no-existe/calendar/connect', {}, [404]),
    post('connect with delivery "fax"', `/api/admin/customers/${existing.customer_id}/calendar/connect`, { delivery: 'fax' }),
    post('chat without a customer', '/api/admin/chat', { text: 'hola' }),
    post('chat with an unknown customer', '/api/admin/chat', { customer_id: 'no-existe', text: 'hola' }, [404]),
    post('chat without text', '/api/admin/chat', { customer_id: existing.customer_id }),
    post('chat with empty text', '/api/admin/chat', { customer_id: existing.customer_id, text: '   ' }),
    post('chat with 5,000 characters', '/api/admin/chat', { customer_id: existing.customer_id, text: 'a'.repeat(5000) }),
    post('chat with text a number', '/api/admin/chat', { customer_id: existing.customer_id, text: 5 }),
    post('chat with broken JSON', '/api/admin/chat', '{"text":'),
    { kind: 'http', name: 'login without a password', method: 'POST', path: '/api/admin/login', headers: { 'content-type': 'application/json' }, body: {}, status: INVALID },
    {
      kind: 'http',
      name: 'login with the password a number',
      method: 'POST',
      path: '/api/admin/login',
      headers: { 'content-type': 'application/json' },
      body: { password: 12345678 },
      status: INVALID,
    },
    {
      kind: 'http',
      name: 'login with a password of 10,000 characters',
      method: 'POST',
      path: '/api/admin/login',
      headers: { 'content-type': 'application/json' },
      body: { password: 'p'.repeat(10_000) },
      status: [400, 401, 413],
    },
    {
      kind: 'http',
      name: 'login with broken JSON',
      method: 'POST',
      path: '/api/admin/login',
      headers: { 'content-type': 'application/json' },
      body: '{"password":',
      status: INVALID,
    },
    {
      kind: 'http',
      name: 'login with a wrong password',
      method: 'POST',
      path: '/api/admin/login',
      headers: { 'content-type': 'application/json' },
      body: { password: 'no-es-la-clave' },
      status: [401, 429],
    },
  );
  return cases;
}

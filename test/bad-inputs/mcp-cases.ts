import type { BadInput } from './bad-input.js';

const hourFromNow = (days: number, hour: number) => {
  const d = new Date(Date.now() + days * 86_400_000);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
};
const future = hourFromNow(10, 10);
const futureEnd = hourFromNow(10, 11);

/** Malformed RFC 3339 date-times, each refused wherever a time goes. */
export const BAD_TIMES = [
  '',
  'mañana',
  'tomorrow at 3',
  '2031-13-01T10:00:00Z',
  '2031-02-30T10:00:00Z',
  '2031-04-31T10:00:00Z',
  '2031-01-01T25:00:00Z',
  '2031-01-01T10:60:00Z',
  '2031-01-01T10:00:61Z',
  '2031-01-01T24:00:00Z',
  '2031-01-01T10:00:00+25:00',
  '2031-01-01T10:00:00-24:00',
  '2031-01-01T10:00:00+14:30',
  '0000-01-01T10:00:00Z',
  '0001-01-01T10:00:00Z',
  '9999-12-31T10:00:00Z',
  '2031/01/01 10:00',
  '01/02/2031 10:00',
  '2031-1-1T10:00:00Z',
  '1790000000',
  '2031-01-01T10:00:00ZZ',
  '2031-01-01T10:00:00+0100x',
];

/** Every tool call a client can get wrong, and the headers of the MCP endpoint. */
export function mcpToolCases(): BadInput[] {
  const cases: BadInput[] = [];
  BAD_TIMES.forEach((time, i) => {
    cases.push({ kind: 'tool', name: `check_availability start ${JSON.stringify(time)}`, tool: 'check_availability', args: { start: time, end: futureEnd } });
    cases.push({
      kind: 'tool',
      name: `create_booking start ${JSON.stringify(time)}`,
      tool: 'create_booking',
      args: { start: time, duration_minutes: 30, title: 'x', idempotency_key: `bad-time-${i}` },
    });
  });
  cases.push(
    { kind: 'tool', name: 'check_availability without start', tool: 'check_availability', args: { end: futureEnd }, mentions: 'start' },
    { kind: 'tool', name: 'check_availability without end', tool: 'check_availability', args: { start: future }, mentions: 'end' },
    { kind: 'tool', name: 'check_availability start as a number', tool: 'check_availability', args: { start: 1790000000, end: futureEnd } },
    { kind: 'tool', name: 'check_availability start null', tool: 'check_availability', args: { start: null, end: futureEnd } },
    { kind: 'tool', name: 'check_availability end before start', tool: 'check_availability', args: { start: futureEnd, end: future } },
    { kind: 'tool', name: 'check_availability empty range', tool: 'check_availability', args: { start: future, end: future } },
    { kind: 'tool', name: 'check_availability over 31 days', tool: 'check_availability', args: { start: future, end: hourFromNow(60, 10) } },
    { kind: 'tool', name: 'create_booking in the past', tool: 'create_booking', args: { start: hourFromNow(-2, 10), duration_minutes: 30, title: 'x', idempotency_key: 'past-1' } },
    {
      kind: 'tool',
      name: 'create_booking beyond the horizon',
      tool: 'create_booking',
      args: { start: hourFromNow(800, 10), duration_minutes: 30, title: 'x', idempotency_key: 'far-1' },
    },
    { kind: 'tool', name: 'create_booking duration 0', tool: 'create_booking', args: { start: future, duration_minutes: 0, title: 'x', idempotency_key: 'd0' } },
    { kind: 'tool', name: 'create_booking duration negative', tool: 'create_booking', args: { start: future, duration_minutes: -30, title: 'x', idempotency_key: 'd-30' } },
    { kind: 'tool', name: 'create_booking duration fractional', tool: 'create_booking', args: { start: future, duration_minutes: 30.5, title: 'x', idempotency_key: 'd30.5' } },
    { kind: 'tool', name: 'create_booking duration a week', tool: 'create_booking', args: { start: future, duration_minutes: 10_080, title: 'x', idempotency_key: 'dweek' } },
    { kind: 'tool', name: 'create_booking duration as text', tool: 'create_booking', args: { start: future, duration_minutes: 'treinta', title: 'x', idempotency_key: 'dtxt' } },
    { kind: 'tool', name: 'create_booking neither end nor duration', tool: 'create_booking', args: { start: future, title: 'x', idempotency_key: 'noend' } },
    { kind: 'tool', name: 'create_booking end before start', tool: 'create_booking', args: { start: futureEnd, end: future, title: 'x', idempotency_key: 'backwards' } },
    { kind: 'tool', name: 'create_booking without title', tool: 'create_booking', args: { start: future, duration_minutes: 30, idempotency_key: 'notitle' }, mentions: 'title' },
    { kind: 'tool', name: 'create_booking empty title', tool: 'create_booking', args: { start: future, duration_minutes: 30, title: '', idempotency_key: 'emptytitle' } },
    {
      kind: 'tool',
      name: 'create_booking title of 5,000 characters',
      tool: 'create_booking',
      args: { start: future, duration_minutes: 30, title: 'x'.repeat(5000), idempotency_key: 'longtitle' },
    },
    {
      kind: 'tool',
      name: 'create_booking notes of 100,000 characters',
      tool: 'create_booking',
      args: { start: future, duration_minutes: 30, title: 'x', notes: 'n'.repeat(100_000), idempotency_key: 'longnotes' },
    },
    {
      kind: 'tool',
      name: 'create_booking without idempotency_key',
      tool: 'create_booking',
      args: { start: future, duration_minutes: 30, title: 'x' },
      mentions: 'idempotency_key',
    },
    { kind: 'tool', name: 'create_booking empty idempotency_key', tool: 'create_booking', args: { start: future, duration_minutes: 30, title: 'x', idempotency_key: '' } },
    {
      kind: 'tool',
      name: 'create_booking idempotency_key of 1,000 characters',
      tool: 'create_booking',
      args: { start: future, duration_minutes: 30, title: 'x', idempotency_key: 'k'.repeat(1000) },
    },
    { kind: 'tool', name: 'create_booking idempotency_key as a number', tool: 'create_booking', args: { start: future, duration_minutes: 30, title: 'x', idempotency_key: 42 } },
    { kind: 'tool', name: 'update_booking without booking_id', tool: 'update_booking', args: { title: 'y' }, mentions: 'booking_id' },
    { kind: 'tool', name: 'update_booking empty booking_id', tool: 'update_booking', args: { booking_id: '', title: 'y' } },
    { kind: 'tool', name: 'update_booking unknown booking_id', tool: 'update_booking', args: { booking_id: 'a0b1c2d3e4f5g6h7', title: 'y' } },
    { kind: 'tool', name: 'update_booking booking_id with a slash', tool: 'update_booking', args: { booking_id: '../../calendars/primary', title: 'y' } },
    { kind: 'tool', name: 'update_booking nothing to change', tool: 'update_booking', args: { booking_id: 'a0b1c2d3e4f5g6h7' } },
    { kind: 'tool', name: 'update_booking start malformed', tool: 'update_booking', args: { booking_id: 'a0b1c2d3e4f5g6h7', start: '2031-02-30T10:00:00Z' } },
    { kind: 'tool', name: 'cancel_booking without booking_id', tool: 'cancel_booking', args: {}, mentions: 'booking_id' },
    { kind: 'tool', name: 'cancel_booking unknown booking_id', tool: 'cancel_booking', args: { booking_id: 'a0b1c2d3e4f5g6h7' } },
    { kind: 'tool', name: 'cancel_booking booking_id as an object', tool: 'cancel_booking', args: { booking_id: { $ne: null } } },
    { kind: 'tool', name: 'list_bookings without range', tool: 'list_bookings', args: {} },
    { kind: 'tool', name: 'list_bookings range backwards', tool: 'list_bookings', args: { range_start: futureEnd, range_end: future } },
    { kind: 'tool', name: 'list_bookings include_cancelled as text', tool: 'list_bookings', args: { range_start: future, range_end: futureEnd, include_cancelled: 'yes' } },
    { kind: 'tool', name: 'list_bookings malformed range_start', tool: 'list_bookings', args: { range_start: '2031-13-01T00:00:00Z', range_end: futureEnd } },
    { kind: 'tool', name: 'find_available_slots duration 0', tool: 'find_available_slots', args: { range_start: future, range_end: hourFromNow(12, 10), duration_minutes: 0 } },
    {
      kind: 'tool',
      name: 'find_available_slots range over 31 days',
      tool: 'find_available_slots',
      args: { range_start: future, range_end: hourFromNow(90, 10), duration_minutes: 30 },
    },
    {
      kind: 'tool',
      name: 'find_available_slots range backwards',
      tool: 'find_available_slots',
      args: { range_start: hourFromNow(12, 10), range_end: future, duration_minutes: 30 },
    },
    {
      kind: 'tool',
      name: 'find_available_slots limit 0',
      tool: 'find_available_slots',
      args: { range_start: future, range_end: hourFromNow(12, 10), duration_minutes: 30, limit: 0 },
    },
    {
      kind: 'tool',
      name: 'find_available_slots limit 100,000',
      tool: 'find_available_slots',
      args: { range_start: future, range_end: hourFromNow(12, 10), duration_minutes: 30, limit: 100_000 },
    },
    {
      kind: 'tool',
      name: 'find_available_slots step 0',
      tool: 'find_available_slots',
      args: { range_start: future, range_end: hourFromNow(12, 10), duration_minutes: 30, step_minutes: 0 },
    },
    {
      kind: 'tool',
      name: 'find_available_slots working hours as text',
      tool: 'find_available_slots',
      args: { range_start: future, range_end: hourFromNow(12, 10), duration_minutes: 30, working_hours: 'de 9 a 6' },
    },
    {
      kind: 'tool',
      name: 'find_available_slots near malformed',
      tool: 'find_available_slots',
      args: { range_start: future, range_end: hourFromNow(12, 10), duration_minutes: 30, near: 'pronto' },
    },
    { kind: 'tool', name: 'an unknown tool', tool: 'delete_calendar', args: {} },
  );
  return cases;
}

const rpc = (method: string, params: unknown = {}) => ({ jsonrpc: '2.0', id: 1, method, params });
const accept = { accept: 'application/json, text/event-stream', 'content-type': 'application/json' };

/** Requests to `POST /mcp` with bad headers or bodies; `auth`/`customer` fill in the good values. */
export function mcpHttpCases(auth: string, customer: string): BadInput[] {
  const good = { ...accept, authorization: `Bearer ${auth}`, 'x-customer-id': customer };
  const list = rpc('tools/list');
  const cases: BadInput[] = [
    { kind: 'http', name: 'no Authorization', method: 'POST', path: '/mcp', headers: { ...accept, 'x-customer-id': customer }, body: list, status: [401] },
    {
      kind: 'http',
      name: 'a wrong bearer key',
      method: 'POST',
      path: '/mcp',
      headers: { ...good, authorization: 'Bearer wrong-key-wrong-key-wrong-key' },
      body: list,
      status: [401],
    },
    {
      kind: 'http',
      name: 'Basic instead of Bearer',
      method: 'POST',
      path: '/mcp',
      headers: { ...good, authorization: `Basic ${Buffer.from(`x:${auth}`).toString('base64')}` },
      body: list,
      status: [401],
    },
    { kind: 'http', name: 'the key without "Bearer"', method: 'POST', path: '/mcp', headers: { ...good, authorization: auth }, body: list, status: [401] },
    { kind: 'http', name: 'an empty bearer', method: 'POST', path: '/mcp', headers: { ...good, authorization: 'Bearer ' }, body: list, status: [401] },
    { kind: 'http', name: 'the key with a suffix', method: 'POST', path: '/mcp', headers: { ...good, authorization: `Bearer ${auth}x` }, body: list, status: [401] },
    { kind: 'http', name: 'no X-Customer-Id', method: 'POST', path: '/mcp', headers: { ...accept, authorization: `Bearer ${auth}` }, body: list, status: [400] },
    { kind: 'http', name: 'an empty X-Customer-Id', method: 'POST', path: '/mcp', headers: { ...good, 'x-customer-id': '' }, body: list, status: [400] },
    { kind: 'http', name: 'X-Customer-Id of 65 characters', method: 'POST', path: '/mcp', headers: { ...good, 'x-customer-id': 'c'.repeat(65) }, body: list, status: [400] },
    { kind: 'http', name: 'X-Customer-Id with a space', method: 'POST', path: '/mcp', headers: { ...good, 'x-customer-id': 'cliente 1' }, body: list, status: [400] },
    { kind: 'http', name: 'X-Customer-Id with a slash', method: 'POST', path: '/mcp', headers: { ...good, 'x-customer-id': '../admin' }, body: list, status: [400] },
    { kind: 'http', name: 'X-Customer-Id with a quote', method: 'POST', path: '/mcp', headers: { ...good, 'x-customer-id': "a'--" }, body: list, status: [400] },
    { kind: 'http', name: 'X-Customer-Id percent-encoded', method: 'POST', path: '/mcp', headers: { ...good, 'x-customer-id': 'cliente%201' }, body: list, status: [400] },
    { kind: 'http', name: 'a foreign Origin', method: 'POST', path: '/mcp', headers: { ...good, origin: 'https://evil.example' }, body: list, status: [403] },
    { kind: 'http', name: 'a body that is not JSON', method: 'POST', path: '/mcp', headers: good, body: '{"jsonrpc":', status: [400] },
    { kind: 'http', name: 'a text/plain body', method: 'POST', path: '/mcp', headers: { ...good, 'content-type': 'text/plain' }, body: JSON.stringify(list), status: [400, 415] },
    {
      kind: 'http',
      name: 'a body over the size limit',
      method: 'POST',
      path: '/mcp',
      headers: good,
      body: JSON.stringify(rpc('tools/call', { name: 'check_availability', arguments: { start: 'x'.repeat(300_000) } })),
      status: [413],
    },
    { kind: 'http', name: 'a JSON-RPC message without a method', method: 'POST', path: '/mcp', headers: good, body: { jsonrpc: '2.0', id: 1 }, status: [400] },
    { kind: 'http', name: 'a JSON number as body', method: 'POST', path: '/mcp', headers: good, body: '42', status: [400] },
    { kind: 'http', name: 'GET /mcp (stateless: no stream)', method: 'GET', path: '/mcp', headers: good, status: [405] },
    {
      kind: 'http',
      name: 'DELETE /mcp (stateless: no session)',
      method: 'DELETE',
      path: '/mcp',
      headers: { authorization: `Bearer ${auth}`, 'x-customer-id': customer },
      status: [405],
    },
    { kind: 'http', name: 'DELETE /mcp with an empty JSON body', method: 'DELETE', path: '/mcp', headers: good, status: [400, 405] },
    { kind: 'http', name: 'no Accept for JSON and SSE', method: 'POST', path: '/mcp', headers: { ...good, accept: 'text/html' }, body: list, status: [406] },
  ];
  return cases;
}

// @vitest-environment node
import { parseAdminRuntimeConfig } from '@agendo/contracts';
import { describe, expect, it, vi } from 'vitest';
import { loadRuntimeConfig } from '../src/RuntimeConfig';

const answer = (status: number, body: unknown) => vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));

describe('the runtime config the page loads from /config.json', () => {
  it('is fetched uncached and returned when well-formed', async () => {
    const fetchImpl = answer(200, { calendarOrigins: ['http://localhost:60000', 'https://cal.example.com'], extra: true });
    await expect(loadRuntimeConfig(fetchImpl)).resolves.toEqual({ calendarOrigins: ['http://localhost:60000', 'https://cal.example.com'] });
    expect(fetchImpl).toHaveBeenCalledWith('/config.json', expect.objectContaining({ cache: 'no-store' }));
  });

  it('is refused when the server answers an error', async () => {
    await expect(loadRuntimeConfig(answer(404, { error: 'not_found' }))).rejects.toThrow('HTTP 404');
  });

  it.each([
    ['not an object', []],
    ['no origins', {}],
    ['origins not a list', { calendarOrigins: 'http://localhost:60000' }],
    ['a path, not an origin', { calendarOrigins: ['http://localhost:60000/oauth/callback'] }],
    ['not http(s)', { calendarOrigins: ['javascript:alert(1)'] }],
    ['a trailing slash', { calendarOrigins: ['http://localhost:60000/'] }],
    ['not a string', { calendarOrigins: [60000] }],
  ])('is refused with %s', (_case, value) => {
    expect(() => parseAdminRuntimeConfig(value)).toThrow(/admin runtime config/);
  });
});

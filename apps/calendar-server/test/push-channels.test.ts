import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BusyCache } from '../src/calendar/busy-cache.js';
import type { CalendarBackend, CalendarBackendFactory, PushChannelRequest, PushChannelStarted } from '../src/calendar/calendar-backend.js';
import { CalendarError } from '../src/calendar/calendar-error.js';
import { loadConfig } from '../src/config.js';
import { openTokenDatabase, type TokenStore } from '../src/db/token-database.js';
import { PushChannels } from '../src/push/push-channels.js';
import { testDatabaseEnv } from './harness.js';

const opened: { store: TokenStore; dir: string }[] = [];
afterEach(async () => {
  for (const { store, dir } of opened.splice(0)) {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** A fresh token database (SQLite, or PostgreSQL in the postgres run) for the channels' table, locks and feed. */
async function shared(): Promise<{ store: TokenStore; onlyProcess: true }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agendo-push-'));
  const store = await openTokenDatabase({ file: path.join(dir, 'tokens.db'), url: (await testDatabaseEnv()).DATABASE_URL });
  opened.push({ store, dir });
  return { store, onlyProcess: true };
}

/** A calendar backend that only knows its key and how to watch; `watch` is scripted by the test. */
function fakeBackends(options: { keyOf?: (customerId: string) => string; watch: (request: PushChannelRequest) => Promise<PushChannelStarted> }) {
  const stopped: string[] = [];
  const factory: CalendarBackendFactory = {
    forCustomer: (customerId) =>
      ({
        calendarKey: async () => {
          if (customerId === 'gone') throw new CalendarError('not_connected', 'gone');
          return options.keyOf?.(customerId) ?? `email:${customerId}@x/primary`;
        },
        watch: options.watch,
        stopChannel: async ({ id }: { id: string }) => {
          stopped.push(id);
        },
      }) as unknown as CalendarBackend,
  };
  return { factory, stopped };
}

describe('PushChannels', () => {
  it('accepts the sync message that arrives before the watch answer, and is live only once heard', async () => {
    const changed: string[] = [];
    let push!: PushChannels;
    const { factory } = fakeBackends({
      watch: async (request) => {
        // Google's sync message races the watch's answer.
        expect(push.isLive('email:ana@x/primary')).toBe(false);
        expect(await push.notify({ channelId: request.id, token: request.token, resourceId: 'res-1', resourceState: 'sync', messageNumber: '1' })).toBe('accepted');
        return { resourceId: 'res-1', expiration: Date.now() + 60_000 };
      },
    });
    push = new PushChannels({ backends: factory, address: 'https://agendo.example/google/notifications', onCalendarChanged: (key) => void changed.push(key), ...(await shared()) });
    await push.ensure('ana');
    expect(push.isLive('email:ana@x/primary')).toBe(true);
    expect(changed).toEqual(['email:ana@x/primary']);
    await push.close();
  });

  it('refuses wrong tokens, other resources and unknown channels without invalidating', async () => {
    const changed: string[] = [];
    let channel: PushChannelRequest | undefined;
    const { factory } = fakeBackends({
      watch: async (request) => {
        channel = request;
        return { resourceId: 'res-2', expiration: Date.now() + 60_000 };
      },
    });
    const push = new PushChannels({ backends: factory, address: 'https://a/google/notifications', onCalendarChanged: (key) => void changed.push(key), ...(await shared()) });
    await push.ensure('beto');
    const id = channel!.id;
    expect(channel!.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await push.notify({ channelId: id, token: `${channel!.token}x`, resourceId: 'res-2', resourceState: 'exists', messageNumber: '2' })).toBe('refused');
    expect(await push.notify({ channelId: id, token: undefined, resourceId: 'res-2', resourceState: 'exists', messageNumber: '2' })).toBe('refused');
    expect(await push.notify({ channelId: id, token: channel!.token, resourceId: 'res-other', resourceState: 'exists', messageNumber: '2' })).toBe('refused');
    expect(await push.notify({ channelId: 'nope', token: channel!.token, resourceId: 'res-2', resourceState: 'exists', messageNumber: '2' })).toBe('unknown_channel');
    expect(changed).toEqual([]);
    expect(push.isLive('email:beto@x/primary')).toBe(false);
    await push.close();
  });

  it('a failed watch leaves the calendar not live and is retried later', async () => {
    let attempts = 0;
    const { factory } = fakeBackends({
      watch: async (request) => {
        attempts += 1;
        if (attempts === 1) throw new CalendarError('google_unavailable', 'down');
        queueMicrotask(() => void push.notify({ channelId: request.id, token: request.token, resourceId: 'r', resourceState: 'sync', messageNumber: '1' }));
        return { resourceId: 'r', expiration: Date.now() + 60_000 };
      },
    });
    const push = new PushChannels({
      backends: factory,
      address: 'https://a/google/notifications',
      onCalendarChanged: () => undefined,
      retryAfterFailureMs: 50,
      ...(await shared()),
    });
    await push.ensure('carla');
    expect(push.isLive('email:carla@x/primary')).toBe(false);
    // Retried until Google's first message arrives (on PostgreSQL that takes a few round trips, so
    // more than one retry may be needed); once live, no further watch is made.
    await expect.poll(() => push.isLive('email:carla@x/primary'), { timeout: 5_000 }).toBe(true);
    expect(attempts).toBeGreaterThanOrEqual(2);
    const settled = attempts;
    await new Promise((r) => setTimeout(r, 300));
    expect(attempts).toBe(settled);
    await push.close();
  });

  it('keeps one channel for customers sharing a calendar and stops it with the last one', async () => {
    let watches = 0;
    const { factory, stopped } = fakeBackends({
      keyOf: () => 'sub-1/primary',
      watch: async () => {
        watches += 1;
        return { resourceId: 'r', expiration: Date.now() + 60_000 };
      },
    });
    const push = new PushChannels({ backends: factory, address: 'https://a/google/notifications', onCalendarChanged: () => undefined, ...(await shared()) });
    await push.ensure('uno');
    await push.ensure('dos');
    expect(watches).toBe(1);
    await push.release('uno');
    expect(stopped).toEqual([]);
    await push.release('dos');
    expect(stopped).toHaveLength(1);
    await push.ensure('gone');
    expect(push.channels()).toEqual([]);
    await push.close();
  });
});

describe('BusyCache', () => {
  it('after a write of unknown outcome, caches nothing for the distrust period', () => {
    let now = 1_000_000;
    const cache = new BusyCache(60_000, () => now);
    const range = { start: new Date(0), end: new Date(3_600_000) };
    cache.invalidate('k', { distrustForMs: 60_000 });
    cache.put('k', range, [], now, cache.generation('k'));
    expect(cache.get('k', range)).toBeUndefined();
    now += 60_001;
    cache.put('k', range, [], now, cache.generation('k'));
    expect(cache.get('k', range)).toEqual([]);
    // A younger answer is asked for: this one is too old for it.
    now += 6_000;
    expect(cache.get('k', range, 5_000)).toBeUndefined();
    expect(cache.get('k', range)).toEqual([]);
  });
});

describe('configuration of deadlines and push', () => {
  const base = { MCP_API_KEY: 'x'.repeat(24), GOOGLE_OAUTH_BASE_URL: 'http://127.0.0.1:1' };
  it('defaults to 10 s per Google request, 25 s per tool call, no push channels', () => {
    const config = loadConfig(base, '/tmp');
    expect(config).toMatchObject({ googleRequestTimeoutMs: 10_000, toolDeadlineMs: 25_000, publicBaseUrl: undefined });
    expect(loadConfig({ ...base, PUBLIC_BASE_URL: 'https://agendo.example/' }, '/tmp').publicBaseUrl).toBe('https://agendo.example');
  });
  it.each([
    ['TOOL_DEADLINE_MS', { TOOL_DEADLINE_MS: '60000' }],
    ['TOOL_DEADLINE_MS', { TOOL_DEADLINE_MS: 'soon' }],
    ['GOOGLE_REQUEST_TIMEOUT_MS', { GOOGLE_REQUEST_TIMEOUT_MS: '30000', TOOL_DEADLINE_MS: '20000' }],
    ['PUBLIC_BASE_URL', { PUBLIC_BASE_URL: 'ftp://agendo.example' }],
    ['PUBLIC_BASE_URL', { PUBLIC_BASE_URL: 'agendo.example' }],
  ])('refuses a bad %s', (name, env) => {
    expect(() => loadConfig({ ...base, ...env }, '/tmp')).toThrow(name);
  });
});

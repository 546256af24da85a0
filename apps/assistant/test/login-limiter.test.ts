import { describe, expect, it } from 'vitest';
import { clientKey } from '../src/admin-auth/client-key.js';
import { LoginLimiter } from '../src/admin-auth/login-limiter.js';

/** A limiter on a hand-driven clock. */
function limiter(options: ConstructorParameters<typeof LoginLimiter>[0] = {}) {
  const clock = { now: 1_000_000 };
  return { clock, limiter: new LoginLimiter({ ...options, now: () => clock.now }) };
}

describe('LoginLimiter', () => {
  it('lets an address fail 5 times, then waits 1 s, 2 s, 4 s… capped at 5 minutes', () => {
    const { clock, limiter: l } = limiter();
    const waits: number[] = [];
    for (let i = 0; i < 14; i++) {
      const wait = l.check('10.0.0.1');
      if (wait) clock.now += wait.retryAfterMs;
      waits.push(wait?.retryAfterMs ?? 0);
      l.fail('10.0.0.1');
    }
    expect(waits).toEqual([0, 0, 0, 0, 0, 1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000]);
    for (let i = 0; i < 3; i++) {
      const wait = l.check('10.0.0.1');
      expect(wait).toEqual({ reason: 'address', retryAfterMs: 300_000 });
      clock.now += wait?.retryAfterMs ?? 0;
      l.fail('10.0.0.1');
    }
  });

  it('never delays another address, and a success starts the address afresh', () => {
    const { limiter: l } = limiter();
    for (let i = 0; i < 8; i++) l.fail('10.0.0.1');
    expect(l.check('10.0.0.1')?.reason).toBe('address');
    expect(l.check('10.0.0.2')).toBeUndefined();
    l.succeed('10.0.0.1');
    expect(l.check('10.0.0.1')).toBeUndefined();
  });

  it('forgets an address an hour after its last failure', () => {
    const { clock, limiter: l } = limiter();
    for (let i = 0; i < 8; i++) l.fail('10.0.0.1');
    clock.now += 60 * 60_000;
    expect(l.check('10.0.0.1')).toBeUndefined();
    expect(l.trackedAddresses).toBe(0);
  });

  it('caps failed logins per minute across addresses, then every login waits for the rest of the minute', () => {
    const { clock, limiter: l } = limiter({ maxFailuresPerMinute: 30 });
    for (let i = 0; i < 30; i++) {
      expect(l.check(`10.1.0.${i}`)).toBeUndefined();
      l.fail(`10.1.0.${i}`);
      clock.now += 1_000;
    }
    expect(l.check('192.168.1.1')).toEqual({ reason: 'global', retryAfterMs: 30_000 });
    clock.now += 30_000;
    expect(l.check('192.168.1.1')).toBeUndefined();
  });

  it('remembers a bounded number of addresses, dropping the oldest', () => {
    const { limiter: l } = limiter({ maxTrackedAddresses: 3, maxFailuresPerMinute: 1_000 });
    for (const a of ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4']) for (let i = 0; i < 5; i++) l.fail(a);
    expect(l.trackedAddresses).toBe(3);
    expect(l.check('10.0.0.1')).toBeUndefined();
    expect(l.check('10.0.0.4')?.reason).toBe('address');
  });

  it('throttles an IPv6 client by its /64, and an IPv4-mapped address as the IPv4 one', () => {
    const { limiter: l } = limiter();
    for (let i = 0; i < 6; i++) l.fail(`2001:db8:1:2::${i + 1}`);
    expect(l.check('2001:db8:1:2:ffff:1:2:3')?.reason).toBe('address');
    expect(l.check('2001:db8:1:3::1')).toBeUndefined();
    for (let i = 0; i < 6; i++) l.fail('::ffff:10.9.9.9');
    expect(l.check('10.9.9.9')?.reason).toBe('address');
  });
});

describe('clientKey', () => {
  it.each([
    ['10.0.0.1', '10.0.0.1'],
    ['::ffff:127.0.0.1', '127.0.0.1'],
    ['::1', '0:0:0:0::/64'],
    ['2001:DB8::1', '2001:db8:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['2001:db8:a:b:c:d:e:f', '2001:db8:a:b::/64'],
  ])('%s → %s', (address, key) => expect(clientKey(address)).toBe(key));
});

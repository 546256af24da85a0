import net from 'node:net';
import { z } from 'zod';

/** proxy-addr's named ranges, accepted in `TRUST_PROXY` as in Fastify's `trustProxy`. */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** Whether `entry` is a named range, an IP address or a CIDR block with a valid prefix length. */
function isProxyEntry(entry: string): boolean {
  if (NAMED_RANGES.has(entry) || net.isIP(entry) !== 0) return true;
  const match = /^([^/]+)\/(\d{1,3})$/.exec(entry);
  if (!match) return false;
  const [, address = '', prefix = ''] = match;
  const version = net.isIP(address);
  return version !== 0 && Number(prefix) <= (version === 4 ? 32 : 128);
}

/**
 * `TRUST_PROXY`: the proxies whose `X-Forwarded-For` the assistant believes (the client address that
 * the login throttle keys on). `false`/`none` trusts no one (the socket's address counts); otherwise a
 * comma-separated list of addresses, CIDR blocks or `loopback`/`linklocal`/`uniquelocal`, handed to
 * Fastify's `trustProxy`. Trusting everyone (`true`, `*`) or a hop count is refused: either lets any
 * client choose the address it is throttled under.
 */
export const trustProxySetting = z
  .string()
  .trim()
  .transform((value, ctx): false | string => {
    if (/^(false|none|off)$/i.test(value)) return false;
    const entries = value
      .split(',')
      .map((e) => e.trim().toLowerCase())
      .filter((e) => e !== '');
    const wrong = entries.filter((e) => !isProxyEntry(e));
    if (entries.length === 0 || wrong.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `must be false, or a comma-separated list of proxy addresses, CIDR blocks or loopback/linklocal/uniquelocal${wrong.length > 0 ? ` (not: ${wrong.join(', ')})` : ''}; trusting every address (true, *) or a hop count would let any client choose its address`,
      });
      return z.NEVER;
    }
    return entries.join(',');
  });

import net from 'node:net';

/** The eight 16-bit groups of an IPv6 address (with `::` expanded and a trailing IPv4 part converted). */
function ipv6Groups(address: string): number[] | undefined {
  let text = address.split('%')[0] ?? address;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  if (v4) {
    const [a = 0, b = 0, c = 0, d = 0] = v4.split('.').map(Number);
    text = `${text.slice(0, -v4.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? missing !== 0 : missing < 0) return undefined;
  return [...left, ...Array<string>(missing).fill('0'), ...right].map((g) => Number.parseInt(g, 16));
}

/**
 * The key a login attempt is throttled under: an IPv4 address as is (also when it arrives
 * IPv4-mapped, `::ffff:10.0.0.1`), an IPv6 address by its /64 network, since one host normally holds a
 * whole /64 and could otherwise rotate through its addresses.
 */
export function clientKey(address: string): string {
  const plain = address.trim().toLowerCase();
  if (net.isIPv4(plain)) return plain;
  if (!net.isIPv6(plain)) return plain;
  const groups = ipv6Groups(plain);
  if (groups?.length !== 8) return plain;
  const mapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  if (mapped) {
    const [hi = 0, lo = 0] = groups.slice(6);
    return [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff].join('.');
  }
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}

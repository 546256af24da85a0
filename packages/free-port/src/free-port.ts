import net from 'node:net';

/**
 * A port free on 127.0.0.1 right now, for a process started by a test, the bench or the PostgreSQL test
 * cluster that must know its address in advance (a redirect URI, a peer to call back).
 */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

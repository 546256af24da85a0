import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { closeGracefully } from './index.js';

/** An app whose `/slow` answers after `ms`, listening on 127.0.0.1. */
async function appWithSlowRoute(ms: number) {
  const app = Fastify();
  app.get('/slow', async () => {
    await new Promise((r) => setTimeout(r, ms));
    return { done: true };
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as { port: number };
  return { app, url: `http://127.0.0.1:${port}` };
}

describe('closeGracefully', () => {
  it('lets a request in flight finish, then closes without waiting for the keep-alive socket', async () => {
    const { app, url } = await appWithSlowRoute(300);
    const answer = fetch(`${url}/slow`).then((r) => r.json());
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    await closeGracefully(app);
    expect(await answer).toEqual({ done: true });
    // Plain app.close() waits for the client's keep-alive socket (Fastify's 72 s keepAliveTimeout).
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('cuts a request still busy after the grace period', async () => {
    const { app, url } = await appWithSlowRoute(60_000);
    const answer = fetch(`${url}/slow`).then(
      () => 'answered',
      () => 'cut',
    );
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    await closeGracefully(app, { graceMs: 200 });
    expect(await answer).toBe('cut');
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

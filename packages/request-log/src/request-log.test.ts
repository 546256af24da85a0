import { Writable } from 'node:stream';
import Fastify, { LogController } from 'fastify';
import { describe, expect, it } from 'vitest';
import { addRequestLogFields, logOneLinePerRequest } from './index.js';

/** A Fastify app whose JSON log lines are collected. */
function appWithLog(level: string) {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of chunk.toString().split('\n')) if (line.trim() !== '') lines.push(JSON.parse(line));
      done();
    },
  });
  const app = Fastify({ logger: { level, stream }, logController: new LogController({ disableRequestLogging: true }) });
  logOneLinePerRequest(app, { quietRoutes: ['/healthz'], redactUrl: (url) => url.replace(/code=[^&]*/, 'code=[REDACTED]') });
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/callback', async () => 'ok');
  app.post('/mcp', async (request, reply) => {
    addRequestLogFields(request, { tool: 'create_booking' });
    reply.hijack();
    reply.raw.writeHead(200, { 'content-type': 'application/json' });
    reply.raw.end('{}');
  });
  return { app, lines: () => lines.filter((l) => l.msg === 'request') };
}

describe('logOneLinePerRequest', () => {
  it('logs one info line per request, hijacked ones included, with the fields a route added', async () => {
    const { app, lines } = appWithLog('info');
    await app.inject({ method: 'POST', url: '/mcp', payload: {} });
    await app.inject({ method: 'GET', url: '/callback?code=secret-code&state=x' });
    await app.close();
    expect(lines()).toHaveLength(2);
    expect(lines()[0]).toMatchObject({ level: 30, method: 'POST', url: '/mcp', statusCode: 200, tool: 'create_booking' });
    expect(lines()[1]).toMatchObject({ url: '/callback?code=[REDACTED]&state=x', statusCode: 200 });
    expect(JSON.stringify(lines())).not.toContain('secret-code');
  });

  it('keeps health checks out of the info log and logs them at debug', async () => {
    const info = appWithLog('info');
    await info.app.inject('/healthz');
    await info.app.close();
    expect(info.lines()).toHaveLength(0);

    const debug = appWithLog('debug');
    await debug.app.inject('/healthz');
    await debug.app.close();
    expect(debug.lines()).toEqual([expect.objectContaining({ level: 20, url: '/healthz', statusCode: 200 })]);
  });
});

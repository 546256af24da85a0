import { apiErrorSchema, customerIdSchema, invalidRequestSchema } from '@agendo/contracts';
import Fastify, { type FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { useRequestValidation } from './request-validation.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = Fastify({ logger: false });
  useRequestValidation(app);
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.post(
    '/things/:id',
    {
      schema: {
        params: z.object({ id: customerIdSchema }),
        body: z.object({ n: z.number().int().min(1, 'n empieza en 1.') }),
        response: { 200: z.object({ id: z.string(), n: z.number() }) },
      },
    },
    async (request) => ({ id: request.params.id, n: request.body.n, secret: 'not in the answer' }),
  );
  typed.get('/broken', { schema: { response: { 200: z.object({ ok: z.literal(true) }) } } }, async () => ({ ok: false }) as unknown as { ok: true });
  typed.get('/teapot', async () => {
    throw Object.assign(new Error('Soy una tetera.'), { statusCode: 418, code: 'teapot' });
  });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
});

describe('useRequestValidation', () => {
  it('answers a request that fails its schema with the one 400: invalid_request, fields and issues', async () => {
    const res = await app.inject({ method: 'POST', url: '/things/a%20b', payload: { n: 1 } });
    expect(res.statusCode).toBe(400);
    const body = invalidRequestSchema.parse(res.json());
    expect(body.fields).toEqual({ id: 'El ID del cliente solo puede tener letras, números y . _ + - @ (sin espacios).' });
    expect(body.issues).toEqual([{ path: 'id', message: body.fields.id }]);
    const bad = invalidRequestSchema.parse((await app.inject({ method: 'POST', url: '/things/ok', payload: { n: 0 } })).json());
    expect(bad.fields).toEqual({ n: 'n empieza en 1.' });
    expect(bad.message).toBe('Revisa los datos: n empieza en 1.');
  });

  it('serializes answers with the response schema (what it does not name stays out)', async () => {
    const res = await app.inject({ method: 'POST', url: '/things/ok', payload: { n: 2 } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: 'ok', n: 2 });
  });

  it('gives any other 4xx as {error, message} and an answer that breaks its schema as a 500 internal_error', async () => {
    const teapot = await app.inject({ method: 'GET', url: '/teapot' });
    expect(teapot.statusCode).toBe(418);
    expect(apiErrorSchema.parse(teapot.json())).toEqual({ error: 'teapot', message: 'Soy una tetera.' });
    const json = await app.inject({ method: 'POST', url: '/things/ok', headers: { 'content-type': 'application/json' }, payload: '{"n":' });
    expect(json.statusCode).toBe(400);
    expect(apiErrorSchema.parse(json.json()).error).toBe('FST_ERR_CTP_INVALID_JSON_BODY');
    const broken = await app.inject({ method: 'GET', url: '/broken' });
    expect(broken.statusCode).toBe(500);
    expect(broken.json()).toEqual({ error: 'internal_error', message: 'Error interno; revisa el log del servicio.' });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type System, startSystem } from './system-harness.js';

let s: System;
beforeAll(async () => {
  s = await startSystem();
});
afterAll(async () => {
  await s?.close();
});

type Operation = { requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown>; required?: string[] } }> }; responses: Record<string, unknown> };
type Document = { openapi: string; paths: Record<string, Record<string, Operation>>; components?: { securitySchemes?: Record<string, unknown> } };

describe('GET /api/admin/openapi.json', () => {
  it('is behind the admin login', async () => {
    const res = await s.admin('/api/admin/openapi.json', { auth: null });
    expect(res.status).toBe(401);
  });

  it('documents every admin route from the contract schemas, with request bodies and answers', async () => {
    const res = await s.admin('/api/admin/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as Document;
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/api/admin/chat',
      '/api/admin/customers',
      '/api/admin/customers/{id}',
      '/api/admin/customers/{id}/activity',
      '/api/admin/customers/{id}/bookings',
      '/api/admin/customers/{id}/calendar',
      '/api/admin/customers/{id}/calendar/connect',
      '/api/admin/customers/{id}/conversation',
      '/api/admin/customers/{id}/reminders',
      '/api/admin/login',
      '/api/admin/logout',
      '/api/admin/session',
    ]);
    const create = doc.paths['/api/admin/customers']?.post;
    const body = create?.requestBody?.content['application/json']?.schema;
    expect(Object.keys(body?.properties ?? {})).toEqual(expect.arrayContaining(['customer_id', 'email', 'name', 'phone', 'time_zone']));
    expect(body?.required).toEqual(expect.arrayContaining(['customer_id', 'email']));
    expect(Object.keys(create?.responses ?? {})).toEqual(expect.arrayContaining(['201', '400', '409']));
    const list = doc.paths['/api/admin/customers']?.get?.responses['200'] as { content: Record<string, { schema: { properties: Record<string, unknown> } }> };
    expect(Object.keys(list.content['application/json']?.schema.properties ?? {})).toEqual(['items', 'total', 'page', 'page_size']);
    expect(Object.keys(doc.components?.securitySchemes ?? {})).toEqual(['session', 'adminToken']);
  });
});

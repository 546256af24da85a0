import { describe, expect, it } from 'vitest';
import { newCustomerSchema } from './admin/customer-fields.js';
import { apiErrorSchema, invalidRequestBody, invalidRequestSchema } from './api-error.js';
import { customerIdMessages, customerIdSchema } from './customer-id.js';

describe('the one invalid_request body', () => {
  it('names each bad field once in fields, lists every issue, and says them all in the message', () => {
    const result = newCustomerSchema.safeParse({ customer_id: 'con espacio', email: 'no-es-email', phone: '12' });
    expect(result.success).toBe(false);
    const body = invalidRequestBody(result.error?.issues ?? []);
    expect(invalidRequestSchema.parse(body)).toEqual(body);
    expect(body.error).toBe('invalid_request');
    expect(body.fields).toEqual({
      customer_id: customerIdMessages.characters,
      email: 'Escribe un email válido, por ejemplo cliente@ejemplo.com.',
      phone: 'Escribe el número de WhatsApp con código de país, por ejemplo +52 55 1234 5678.',
    });
    expect(body.issues.map((i) => i.path)).toEqual(['customer_id', 'email', 'phone']);
    expect(body.message).toBe(`Revisa los datos: ${Object.values(body.fields).join(' ')}`);
  });

  it('puts an issue about the whole body under "_" and keeps nested paths dotted', () => {
    const body = invalidRequestBody([
      { path: [], message: 'Se esperaba un objeto.' },
      { path: ['working_hours', 'start'], message: 'Hora no válida.' },
      { path: ['customer_ids', 1], message: customerIdMessages.characters },
    ]);
    expect(body.fields).toEqual({ _: 'Se esperaba un objeto.', 'working_hours.start': 'Hora no válida.', 'customer_ids.1': customerIdMessages.characters });
    expect(body.issues[0]).toEqual({ path: '', message: 'Se esperaba un objeto.' });
  });

  it('is an error body the admin reads like any other', () => {
    expect(apiErrorSchema.safeParse(invalidRequestBody([{ path: ['page'], message: 'page empieza en 1.' }])).success).toBe(true);
    expect(apiErrorSchema.safeParse({ error: 'not_found' }).success).toBe(false);
  });
});

describe('the one customer-id rule', () => {
  it.each([
    ['', customerIdMessages.required],
    [undefined, customerIdMessages.required],
    ['c'.repeat(65), customerIdMessages.tooLong],
    ['josé', customerIdMessages.characters],
    ['a b', customerIdMessages.characters],
  ])('refuses %j with its Spanish message', (value, message) => {
    expect(customerIdSchema.safeParse(value).error?.issues[0]?.message).toBe(message);
  });

  it('takes letters, digits and . _ + - @, up to 64', () => {
    for (const id of ['cliente-123', '+5215512345678', 'ana.maria_1@ejemplo.com', 'c'.repeat(64)]) expect(customerIdSchema.parse(id)).toBe(id);
  });

  it('is the rule of the admin form too, after trimming what was typed', () => {
    expect(newCustomerSchema.parse({ customer_id: '  cliente-1 ', email: 'A@B.co' })).toMatchObject({ customer_id: 'cliente-1', email: 'a@b.co' });
  });
});

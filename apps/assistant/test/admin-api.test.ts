import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, type System, startSystem } from './system-harness.js';

let s: System;
beforeAll(async () => {
  s = await startSystem();
});
afterAll(async () => {
  await s?.close();
});

type Json = Record<string, unknown>;
const json = async (res: Response) => (await res.json()) as Json;

describe('admin authentication', () => {
  it('refuses every admin route without auth', async () => {
    for (const [method, pathname] of [
      ['GET', '/api/admin/customers'],
      ['POST', '/api/admin/customers'],
      ['GET', '/api/admin/customers/x'],
      ['DELETE', '/api/admin/customers/x'],
      ['POST', '/api/admin/customers/x/calendar/connect'],
      ['POST', '/api/admin/chat'],
    ] as const) {
      const res = await s.admin(pathname, { method, auth: null, ...(method === 'POST' ? { json: {} } : {}) });
      expect(res.status, `${method} ${pathname}`).toBe(401);
      expect((await json(res)).message).toBe('Inicia sesión en el panel para continuar.');
    }
    expect((await s.admin('/api/admin/customers', { auth: 'wrong-token-wrong-token-wrong' })).status).toBe(401);
  });

  it('logs in with the password into an HttpOnly SameSite=Strict session, and out again', async () => {
    const bad = await s.admin('/api/admin/login', { auth: null, json: { password: 'nope' } });
    expect(bad.status).toBe(401);
    expect((await json(bad)).message).toBe('Contraseña incorrecta.');
    const login = await s.admin('/api/admin/login', { auth: null, json: { password: ADMIN_PASSWORD } });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^agendo_admin=[\w-]+; Path=\/api\/admin; HttpOnly; SameSite=Strict; Max-Age=\d+/);
    const session = cookie.split(';')[0] ?? '';
    expect((await s.admin('/api/admin/customers', { auth: null, headers: { cookie: session } })).status).toBe(200);
    expect(await json(await s.admin('/api/admin/session', { auth: null, headers: { cookie: session } }))).toEqual({ authenticated: true });
    await s.admin('/api/admin/logout', { auth: null, json: {}, headers: { cookie: session } });
    expect((await s.admin('/api/admin/customers', { auth: null, headers: { cookie: session } })).status).toBe(401);
  });

  it('rate-limits failed logins', async () => {
    const attempt = () => s.admin('/api/admin/login', { auth: null, json: { password: 'guess' }, headers: { 'x-forwarded-for': '10.9.9.9' } });
    const statuses = [];
    for (let i = 0; i < 7; i++) statuses.push((await attempt()).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    const limited = await s.admin('/api/admin/login', { auth: null, json: { password: ADMIN_PASSWORD }, headers: { 'x-forwarded-for': '10.9.9.9' } });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    // Another address is not affected.
    expect((await s.admin('/api/admin/login', { auth: null, json: { password: ADMIN_PASSWORD } })).status).toBe(200);
  });
});

describe('customers', () => {
  it('creates a customer with the seed fields and normalises email and phone', async () => {
    const res = await s.admin('/api/admin/customers', { json: { customer_id: 'cliente-123', email: 'Cliente@Ejemplo.com', name: 'Juan Pérez', phone: '+52 55 1234 5678' } });
    expect(res.status).toBe(201);
    expect(await json(res)).toMatchObject({ customer_id: 'cliente-123', email: 'cliente@ejemplo.com', name: 'Juan Pérez', phone: '525512345678' });
    const got = await json(await s.admin('/api/admin/customers/cliente-123'));
    expect(got).toMatchObject({ customer_id: 'cliente-123', calendar: { status: 'not_connected' } });
  });

  it('a duplicate ID is a 409 with a Spanish message, and so is a taken phone', async () => {
    const dup = await s.admin('/api/admin/customers', { json: { customer_id: 'cliente-123', email: 'otro@ejemplo.com' } });
    expect(dup.status).toBe(409);
    expect(await json(dup)).toMatchObject({
      error: 'duplicate',
      message: 'Ya existe un cliente con el ID «cliente-123».',
      fields: { customer_id: 'Ya existe un cliente con el ID «cliente-123».' },
    });
    const phone = await s.admin('/api/admin/customers', { json: { customer_id: 'cliente-999', email: 'x@ejemplo.com', phone: '525512345678' } });
    expect(phone.status).toBe(409);
    expect((await json(phone)).fields).toHaveProperty('phone');
    expect((await s.admin('/api/admin/customers/cliente-999')).status).toBe(404);
  });

  it.each([
    [{ email: 'a@b.co' }, 'customer_id', 'El ID del cliente es obligatorio.'],
    [{ customer_id: 'con espacio', email: 'a@b.co' }, 'customer_id', 'El ID del cliente solo puede tener letras, números y . _ + - @ (sin espacios).'],
    [{ customer_id: 'x'.repeat(65), email: 'a@b.co' }, 'customer_id', 'El ID del cliente puede tener como máximo 64 caracteres.'],
    [{ customer_id: 'ok-1' }, 'email', 'El email del cliente es obligatorio.'],
    [{ customer_id: 'ok-1', email: 'no-es-email' }, 'email', 'Escribe un email válido, por ejemplo cliente@ejemplo.com.'],
    [{ customer_id: 'ok-1', email: 'a@b.co', phone: '12ab' }, 'phone', 'Escribe el número de WhatsApp con código de país, por ejemplo +52 55 1234 5678.'],
    [{ customer_id: 'ok-1', email: 'a@b.co', name: 'n'.repeat(121) }, 'name', 'El nombre puede tener como máximo 120 caracteres.'],
    [{ customer_id: 'ok-1', email: 'a@b.co', time_zone: 'Marte/Olympus' }, 'time_zone', 'Zona horaria no válida; usa un nombre como America/Mexico_City o Europe/Madrid.'],
  ])('refuses %o with a message for %s, and stores nothing', async (body, field, message) => {
    const res = await s.admin('/api/admin/customers', { json: body });
    expect(res.status).toBe(400);
    const payload = await json(res);
    expect(payload.error).toBe('invalid_request');
    expect((payload.fields as Record<string, string>)[field]).toBe(message);
    expect(payload.issues).toContainEqual({ path: field, message });
    expect((await s.admin('/api/admin/customers/ok-1')).status).toBe(404);
  });

  it('lists with search and pages, fast enough to stay usable with 10,000 customers', async () => {
    const now = Date.now();
    const rows = Array.from({ length: 10_000 }, (_, i) => ({
      customer_id: `bulk-${String(i).padStart(5, '0')}`,
      email: `persona${i}@ejemplo.com`,
      name: i % 1000 === 0 ? `Martina Especial ${i}` : `Persona ${i}`,
      phone: `34600${String(i).padStart(6, '0')}`,
      time_zone: null,
      preferred_duration_minutes: null,
      search_text: '',
      created_at: new Date(now - i * 1000).toISOString(),
      updated_at: new Date(now).toISOString(),
    }));
    const { openAssistantDatabase } = await import('../src/db/assistant-database.js');
    const storage = await openAssistantDatabase({ file: s.assistantConfig.dbPath, url: s.assistantConfig.databaseUrl });
    for (let i = 0; i < rows.length; i += 500) {
      await storage.db
        .insertInto('customers')
        .values(rows.slice(i, i + 500).map((r) => ({ ...r, search_text: `${r.customer_id} ${r.email} ${r.name} ${r.phone}`.toLowerCase() })))
        .execute();
    }
    await storage.close();

    const page = await json(await s.admin('/api/admin/customers?page=3&page_size=50'));
    expect(page.total).toBe(10_001);
    expect((page.items as unknown[]).length).toBe(50);
    const search = await json(await s.admin('/api/admin/customers?q=martina%20especial&page_size=100'));
    expect(search.total).toBe(10);
    expect((search.items as { name: string }[]).every((c) => c.name.startsWith('Martina Especial'))).toBe(true);
    const byPhone = await json(await s.admin('/api/admin/customers?q=34600000042'));
    expect((byPhone.items as { customer_id: string }[]).map((c) => c.customer_id)).toEqual(['bulk-00042']);
    const bad = await s.admin('/api/admin/customers?page=0');
    expect(bad.status).toBe(400);
    expect(((await json(bad)).fields as Record<string, string>).page).toBe('page empieza en 1.');
  });

  it('searches for the text typed: % and _ are not wildcards, and capitals do not matter (on both database engines)', async () => {
    for (const customer of [
      { customer_id: 'oferta-50pct', email: 'oferta@ejemplo.com', name: 'Descuento 50% Ñandú' },
      { customer_id: 'oferta-500', email: 'quinientos@ejemplo.com', name: 'Descuento 500' },
      { customer_id: 'guion_bajo', email: 'bajo@ejemplo.com', name: 'Con guion' },
      { customer_id: 'guionXbajo', email: 'equis@ejemplo.com', name: 'Sin guion' },
    ]) {
      expect((await s.admin('/api/admin/customers', { json: customer })).status).toBe(201);
    }
    const ids = async (q: string) => ((await json(await s.admin(`/api/admin/customers?q=${encodeURIComponent(q)}`))).items as { customer_id: string }[]).map((c) => c.customer_id);
    expect(await ids('50%')).toEqual(['oferta-50pct']);
    expect(await ids('guion_')).toEqual(['guion_bajo']);
    expect(await ids('DESCUENTO 50% ñANDÚ')).toEqual(['oferta-50pct']);
    expect((await ids('descuento')).sort()).toEqual(['oferta-500', 'oferta-50pct']);
  });

  it('updates a customer', async () => {
    const res = await s.admin('/api/admin/customers/cliente-123', { method: 'PATCH', json: { name: 'Juan P. Pérez', time_zone: 'America/Bogota' } });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ name: 'Juan P. Pérez', time_zone: 'America/Bogota', email: 'cliente@ejemplo.com' });
    expect((await s.admin('/api/admin/customers/nadie', { method: 'PATCH', json: { name: 'x' } })).status).toBe(404);
  });

  it('sets and clears the per-customer reminder lead (0–10080 minutes; null: the default)', async () => {
    const created = await s.admin('/api/admin/customers', { json: { customer_id: 'lead-1', email: 'lead@ejemplo.com', reminder_lead_minutes: 90 } });
    expect(created.status).toBe(201);
    expect(await json(created)).toMatchObject({ reminder_lead_minutes: 90 });
    const patch = (value: unknown) => s.admin('/api/admin/customers/lead-1', { method: 'PATCH', json: { reminder_lead_minutes: value } });
    expect(await json(await patch(0))).toMatchObject({ reminder_lead_minutes: 0 });
    expect(await json(await s.admin('/api/admin/customers/lead-1'))).toMatchObject({ reminder_lead_minutes: 0 });
    // Other edits leave it as it is.
    expect(await json(await s.admin('/api/admin/customers/lead-1', { method: 'PATCH', json: { name: 'Lía' } }))).toMatchObject({ name: 'Lía', reminder_lead_minutes: 0 });
    for (const bad of [-1, 10_081, 1.5, '60']) {
      const res = await patch(bad);
      expect(res.status, String(bad)).toBe(400);
      expect(JSON.stringify(await json(res))).toContain('entre 0 y 10080');
    }
    expect(await json(await patch(null))).toMatchObject({ reminder_lead_minutes: null });
    expect(await json(await s.admin('/api/admin/customers/lead-1'))).toMatchObject({ reminder_lead_minutes: null });
  });
});

describe('calendar connection', () => {
  it('connect saves the email and returns the authorization URL; delete disconnects the calendar first', async () => {
    await s.addConnectedCustomer({ customer_id: 'cliente-cal', email: 'cal@ejemplo.com', name: 'Carla' });
    const status = await json(await s.admin('/api/admin/customers/cliente-cal/calendar'));
    expect(status).toMatchObject({ status: 'connected', email: 'cal@ejemplo.com' });
    const listed = await json(await s.admin('/api/admin/customers?q=cliente-'));
    const calendars = Object.fromEntries((listed.items as { customer_id: string; calendar: { status: string } | null }[]).map((c) => [c.customer_id, c.calendar?.status]));
    expect(calendars).toMatchObject({ 'cliente-cal': 'connected', 'cliente-123': 'not_connected' });

    const link = await json(await s.admin('/api/admin/customers/cliente-cal/calendar/connect', { json: { email: 'Nuevo@Ejemplo.com', delivery: 'link' } }));
    expect(String(link.authorization_url)).toContain('login_hint=nuevo%40ejemplo.com');
    expect(Date.parse(String(link.expires_at)) - Date.now()).toBeGreaterThan(6 * 24 * 3600_000);
    expect((await json(await s.admin('/api/admin/customers/cliente-cal'))).email).toBe('nuevo@ejemplo.com');

    const deleted = await s.admin('/api/admin/customers/cliente-cal', { method: 'DELETE' });
    expect(await json(deleted)).toEqual({ deleted: true, calendar_disconnected: true });
    expect((await s.calendarServer.vault.status('cliente-cal')).status).toBe('not_connected');
    expect((await s.admin('/api/admin/customers/cliente-cal')).status).toBe(404);
  });
});

/**
 * The seed's whole flow in a real browser: Debian's Chromium driven by playwright-core against the
 * built system exactly as `npm start` runs it (`node scripts/start.mjs`: stand-in, MCP Calendar Server,
 * assistant and the admin's production server, each `node …/dist/…`), on free ports and a fresh
 * DATA_DIR. It checks that no TypeScript compiler or dev server runs, that every admin page carries the
 * security headers and cannot be framed, and that a second start keeps the connection and the booking.
 * Screenshots of each step go to test-artifacts/e2e/ at the repository root.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@agendo/free-port';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CHROMIUM = '/usr/bin/chromium';
/** axe-core, run inside each admin page (through the DevTools protocol, so the page's CSP does not block it). */
const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
/** Pages axe-core checked, so the test can tell it ran on every admin page. */
const axeChecked: string[] = [];

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: unknown[] }[];
}

/** No axe-core violation (WCAG 2 A/AA and best practice) on the page as it is now. */
async function expectAccessible(p: Page, label: string): Promise<void> {
  await p.evaluate(axeSource);
  const violations = await p.evaluate(
    async (tags) =>
      (
        await (window as unknown as { axe: { run: (ctx: Document, o: unknown) => Promise<{ violations: unknown[] }> } }).axe.run(document, {
          runOnly: { type: 'tag', values: tags },
        })
      ).violations as AxeViolation[],
    AXE_TAGS,
  );
  expect(
    violations.map((v) => `${v.id} (${v.help}): ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`),
    `axe-core on ${label}`,
  ).toEqual([]);
  axeChecked.push(label);
}
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const artifacts = path.join(root, 'test-artifacts/e2e');

let system: ChildProcess;
let output = '';
let env: NodeJS.ProcessEnv;
/** Responses of admin pages (documents) seen by the browser, with their headers. */
const documents: { url: string; headers: Record<string, string> }[] = [];
const cspViolations: string[] = [];
let browser: Browser;
let page: Page;
let dataDir: string;
const ports = { emulator: 0, server: 0, assistant: 0, admin: 0 };
const admin = () => `http://localhost:${ports.admin}`;
const emulator = () => `http://localhost:${ports.emulator}`;
let step = 0;
const shot = async (p: Page, name: string) => p.screenshot({ path: path.join(artifacts, `${String(++step).padStart(2, '0')}-${name}.png`), fullPage: true });

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's Chromium first (apt-get install -y chromium), see README`);
  fs.mkdirSync(artifacts, { recursive: true });
  for (const f of fs.readdirSync(artifacts)) fs.rmSync(path.join(artifacts, f));
  for (const key of Object.keys(ports) as (keyof typeof ports)[]) ports[key] = await freePort();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'agendo-e2e-'));
  env = {
    ...process.env,
    DATA_DIR: dataDir,
    EMULATOR_PORT: String(ports.emulator),
    PORT: String(ports.server),
    ASSISTANT_PORT: String(ports.assistant),
    ADMIN_PORT: String(ports.admin),
    LOG_LEVEL: 'warn',
  };
  for (const name of [
    'GOOGLE_OAUTH_CLIENT_ID',
    'GOOGLE_OAUTH_CLIENT_SECRET',
    'MCP_API_KEY',
    'ADMIN_PASSWORD',
    'ADMIN_TOKEN',
    'TOKEN_ENCRYPTION_KEY',
    'GOOGLE_OAUTH_BASE_URL',
    'NODE_OPTIONS',
  ])
    delete env[name];
  await startSystem();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  page.on('response', async (response) => {
    if (response.request().resourceType() === 'document' && response.url().startsWith(admin())) documents.push({ url: response.url(), headers: await response.allHeaders() });
  });
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
}, 180_000);

/** `node scripts/start.mjs` (what `npm start` runs) with the test's env; resolves at its banner. */
async function startSystem(): Promise<void> {
  output = '';
  system = spawn(process.execPath, ['scripts/start.mjs'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  system.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  system.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  for (let i = 0; !output.includes('Agendo is running'); i++) {
    if (system.exitCode !== null || i > 1800) throw new Error(`npm start's processes did not come up:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Stops the system as Ctrl-C does and waits until every process has exited. */
async function stopSystem(): Promise<void> {
  if (!system || system.exitCode !== null) return;
  const exited = new Promise((r) => system.once('exit', r));
  system.kill('SIGINT');
  await exited;
}

/** Command lines of every process below `pid`. */
function descendants(pid: number): string[] {
  const lines = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,args='], { encoding: 'utf8' }).trim().split('\n');
  const rows = lines.map((line) => {
    const [childPid, parentPid, ...args] = line.trim().split(/\s+/);
    return { pid: Number(childPid), ppid: Number(parentPid), args: args.join(' ') };
  });
  const found: string[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const parent = queue.shift();
    for (const row of rows.filter((r) => r.ppid === parent)) {
      found.push(row.args);
      queue.push(row.pid);
    }
  }
  return found;
}

afterAll(async () => {
  await browser?.close();
  await stopSystem();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}, 30_000);

const statusCell = (id: string) => page.getByTestId(`status-${id}`);

describe('the seed flow in Chromium', { timeout: 90_000 }, () => {
  it('the banner names every part, the mode and the admin password', () => {
    expect(output).toContain('DEMO — Google stand-in');
    expect(output).toContain(`${admin()}/clientes`);
    expect(output).toContain(`admin password:`);
  });

  it('runs the build with plain node: no tsx, Vite or esbuild process, four services from dist/', () => {
    const processes = descendants(system.pid ?? -1);
    expect(processes.filter((args) => /tsx|vite|esbuild/.test(args))).toEqual([]);
    for (const entry of ['apps/google-emulator/dist/main.js', 'apps/calendar-server/dist/main.js', 'apps/assistant/dist/main.js', 'apps/admin/dist/server.js']) {
      expect(
        processes.some((args) => args.includes(entry)),
        `${entry} in ${processes.join(' | ')}`,
      ).toBe(true);
    }
  });

  it('keeps DATA_DIR private: the folder 0700 and every file in it 0600', () => {
    expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
    const files = fs.readdirSync(dataDir);
    expect(files).toEqual(expect.arrayContaining(['mcp-api-key', 'admin-password', 'admin-token', 'tokens.db', 'assistant.db']));
    for (const file of files) expect(`${file} ${(fs.statSync(path.join(dataDir, file)).mode & 0o777).toString(8)}`).toBe(`${file} 600`);
  });

  it('log in → add "cliente-123" → Conectar → approve in the popup → the row shows "Conectado" with the email', async () => {
    await page.goto(`${admin()}/clientes`);
    await page.getByLabel('Contraseña').waitFor();
    await shot(page, 'login');
    await expectAccessible(page, 'login');
    await page.getByLabel('Contraseña').fill(fs.readFileSync(path.join(dataDir, 'admin-password'), 'utf8').trim());
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.getByRole('heading', { name: 'Clientes' }).waitFor();
    await shot(page, 'clientes-empty');
    await expectAccessible(page, 'clientes (empty)');

    await page.getByTestId('add-customer').click();
    await page.getByLabel('ID del Cliente').fill('cliente-123');
    await page.getByLabel('Email del Cliente').fill('cliente@ejemplo.com');
    await page.getByLabel('Nombre del Cliente').fill('Juan Pérez');
    await shot(page, 'add-customer-form');
    await expectAccessible(page, 'the "Agregar Cliente" form');
    const popupOpened = page.waitForEvent('popup');
    await page.getByRole('button', { name: 'Conectar Calendario' }).click();
    const popup = await popupOpened;
    await popup.locator('#approve').waitFor();
    expect(await popup.locator('#email').inputValue()).toBe('cliente@ejemplo.com');
    await shot(popup, 'google-consent');
    const closed = popup.waitForEvent('close');
    await popup.locator('#approve').click();
    await closed;

    await expect.poll(async () => statusCell('cliente-123').innerText(), { timeout: 15_000 }).toContain('Conectado');
    expect(await statusCell('cliente-123').innerText()).toContain('cliente@ejemplo.com');
    await shot(page, 'connected');
    await expectAccessible(page, 'clientes (connected)');
  });

  it('"Probar asistente": the seed conversation books tomorrow 15:00 in the stand-in calendar', async () => {
    await page.getByRole('link', { name: 'Probar asistente' }).click();
    await page.goto(`${admin()}/probar?cliente=cliente-123`);
    const send = async (text: string) => {
      await page.getByLabel('Mensaje').fill(text);
      await page.getByRole('button', { name: 'Enviar' }).click();
    };
    await send('Hola, quiero reservar para mañana a las 3 PM');
    // The proposal names the weekday and the date in words, so a misreading shows before anything is booked.
    await page
      .getByText(
        /¿Confirmas la reserva para mañana (?:lunes|martes|miércoles|jueves|viernes|sábado|domingo) \d{1,2} de (?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)(?: de \d{4})? a las 15:00\?/,
      )
      .waitFor();
    await shot(page, 'proposal');
    await send('Sí, confirmo');
    await page.getByText('¡Reserva confirmada! Se ha creado en tu Google Calendar.', { exact: false }).waitFor();
    await shot(page, 'confirmed');
    await expectAccessible(page, 'probar (a booking made)');

    const calendar = (await (await fetch(`${emulator()}/__emulator/calendars/cliente@ejemplo.com/events`)).json()) as {
      timeZone: string;
      items: { status: string; start: { dateTime: string } }[];
    };
    const confirmed = calendar.items.filter((e) => e.status === 'confirmed');
    expect(confirmed).toHaveLength(1);
    const start = new Date(confirmed[0]?.start.dateTime ?? '');
    const local = new Intl.DateTimeFormat('en-CA', {
      timeZone: calendar.timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(start);
    const tomorrow = new Intl.DateTimeFormat('en-CA', { timeZone: calendar.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
      new Date(Date.now() + 24 * 3600_000),
    );
    expect(local).toBe(`${tomorrow}, 15:00`);
  });

  it('/clientes/cliente-123 (opened from the list) shows the booking, the conversation and the activity log', async () => {
    await page.goto(`${admin()}/clientes`);
    await page.getByTestId('open-cliente-123').click();
    await page.getByRole('heading', { level: 1, name: 'Juan Pérez (cliente-123)' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/clientes/cliente-123');
    expect(await page.getByTestId('customer-status').getAttribute('data-status')).toBe('connected');

    const bookings = page.getByTestId('booking-row');
    await bookings.first().waitFor();
    expect(await bookings.count()).toBe(1);
    expect(await bookings.first().innerText()).toContain('Reserva con');
    // At 15:00 as booked: the calendar's wall-clock (the customer has no time zone of their own).
    expect(await bookings.first().innerText()).toMatch(/\b15:00\b/);

    const conversation = page.getByTestId('conversation-table');
    await conversation.waitFor();
    const messages = await page.getByTestId('conversation-message').allInnerTexts();
    // Newest first: the confirmation, the customer's "sí", … the first message.
    expect(messages[0]).toContain('¡Reserva confirmada!');
    expect(messages[1]).toContain('Sí, confirmo');
    expect(messages.at(-1)).toContain('Hola, quiero reservar para mañana a las 3 PM');
    expect(messages.at(-1)).toContain('Probar asistente');

    await page.getByTestId('activity-row').first().waitFor();
    const log = page.getByTestId('activity-row');
    expect(await log.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-kind')))).toEqual(['booked', 'connected']);
    expect(await log.nth(0).innerText()).toContain('Reserva creada');
    expect(await log.nth(0).innerText()).toContain('Cliente');
    expect(await log.nth(1).innerText()).toContain('Calendario conectado');
    expect(await log.nth(1).innerText()).toContain('Administrador');
    await page.getByTestId('reminders-section').waitFor();
    await page.getByTestId('reminder-row').first().waitFor();
    await shot(page, 'customer-page');
    await expectAccessible(page, 'the customer page (/clientes/cliente-123)');

    await page.getByRole('link', { name: 'Volver a Clientes' }).click();
    await page.getByTestId('row-cliente-123').waitFor();
  });

  it('Deny in the popup leaves "No conectado" and says why', async () => {
    await page.goto(`${admin()}/clientes`);
    await page.getByTestId('add-customer').click();
    await page.getByLabel('ID del Cliente').fill('cliente-456');
    await page.getByLabel('Email del Cliente').fill('ana@ejemplo.com');
    await page.getByLabel('Nombre del Cliente').fill('Ana López');
    await page.getByRole('button', { name: 'Guardar' }).click();
    await page.getByTestId('row-cliente-456').waitFor();

    const popupOpened = page.waitForEvent('popup');
    await page.getByTestId('connect-cliente-456').click();
    const popup = await popupOpened;
    await popup.locator('#deny').waitFor();
    await popup.locator('#deny').click();
    await popup.getByText('Autorización cancelada').waitFor();
    await shot(popup, 'denied-popup');
    await page.getByRole('alert').filter({ hasText: 'Autorización cancelada' }).waitFor();
    expect(await statusCell('cliente-456').innerText()).toContain('No conectado');
    await shot(page, 'denied');
    await popup.close();
  });

  it('every admin page carries the security headers, and none broke its CSP', () => {
    const pages = new Set(documents.map((d) => new URL(d.url).pathname));
    expect([...pages]).toEqual(expect.arrayContaining(['/clientes', '/probar']));
    // The customer page was reached by a link (no document of its own); its headers are /clientes'.
    for (const { url, headers } of documents) {
      const csp = headers['content-security-policy'] ?? '';
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).toMatch(/script-src 'self'(;|$)/);
      expect(headers['x-content-type-options'], url).toBe('nosniff');
      expect(headers['referrer-policy'], url).toBe('same-origin');
      expect(headers['x-frame-options'], url).toBe('DENY');
    }
    expect(cspViolations).toEqual([]);
  });

  it('a page on another localhost port cannot frame the logged-in /clientes', async () => {
    const framer = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<!doctype html><title>framer</title><iframe id="victim" src="${admin()}/clientes" width="800" height="600"></iframe>`);
    });
    await new Promise<void>((resolve) => framer.listen(0, '127.0.0.1', resolve));
    try {
      const other = await page.context().newPage();
      await other.goto(`http://localhost:${(framer.address() as net.AddressInfo).port}/`);
      await other.waitForTimeout(1500);
      const frame = other.frames().find((f) => f !== other.mainFrame());
      const framedText = frame ? await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '') : '';
      // Chromium replaces a frame refused by frame-ancestors with its error page: nothing of the admin renders.
      expect(frame?.url() ?? '').not.toContain(`:${ports.admin}/`);
      expect(framedText).not.toMatch(/Clientes|Contraseña|Agendo/);
      expect(framedText).not.toContain('cliente-123');
      await other.close();
    } finally {
      framer.close();
    }
  });

  it('after stopping and starting again the customer is still "Conectado" and the booking still listed', async () => {
    await stopSystem();
    expect(system.exitCode).not.toBeNull();
    await startSystem();
    expect(output).not.toContain('building');
    await page.goto(`${admin()}/clientes`);
    const login = page.getByLabel('Contraseña');
    const table = page.getByTestId('row-cliente-123');
    await Promise.race([login.waitFor(), table.waitFor()]);
    if (await login.isVisible()) {
      await login.fill(fs.readFileSync(path.join(dataDir, 'admin-password'), 'utf8').trim());
      await page.getByRole('button', { name: 'Entrar' }).click();
    }
    await expect.poll(async () => statusCell('cliente-123').innerText(), { timeout: 15_000 }).toContain('Conectado');
    expect(await statusCell('cliente-123').innerText()).toContain('cliente@ejemplo.com');
    await shot(page, 'after-restart');
    await expectAccessible(page, 'clientes (after a restart)');

    const calendar = (await (await fetch(`${emulator()}/__emulator/calendars/cliente@ejemplo.com/events`)).json()) as { items: { status: string }[] };
    expect(calendar.items.filter((e) => e.status === 'confirmed')).toHaveLength(1);
    await page.goto(`${admin()}/probar?cliente=cliente-123`);
    await page.getByLabel('Mensaje').fill('¿Qué reservas tengo?');
    await page.getByRole('button', { name: 'Enviar' }).click();
    await page.getByText('Tus próximas reservas', { exact: false }).waitFor();
    await shot(page, 'bookings-after-restart');
    // login, clientes (empty), the form, clientes (connected), probar, the customer page, clientes (after a restart).
    expect(axeChecked).toContain('the customer page (/clientes/cliente-123)');
    expect(axeChecked.length).toBeGreaterThanOrEqual(7);
  });

  it('revoking the grant at the stand-in makes the row "Requiere reconexión" after the next calendar call', async () => {
    const revoked = await fetch(`${emulator()}/__emulator/users/cliente@ejemplo.com/revoke`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(revoked.status).toBe(200);
    await page.goto(`${admin()}/probar?cliente=cliente-123`);
    await page.getByLabel('Mensaje').fill('quiero reservar mañana a las 5');
    await page.getByRole('button', { name: 'Enviar' }).click();
    await page.getByText('Tu Google Calendar necesita volver a conectarse', { exact: false }).waitFor();
    await shot(page, 'needs-reauth-chat');
    await page.goto(`${admin()}/clientes`);
    await expect.poll(async () => statusCell('cliente-123').innerText(), { timeout: 15_000 }).toContain('Requiere reconexión');
    await shot(page, 'needs-reauth');
  });
});

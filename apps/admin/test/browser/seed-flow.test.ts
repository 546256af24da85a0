/**
 * The seed's whole flow in a real browser: Debian's Chromium driven by playwright-core against the
 * processes `npm start` runs (stand-in, MCP Calendar Server, assistant, admin), on free ports and a
 * fresh DATA_DIR. Screenshots of each step go to test-artifacts/e2e/ at the repository root.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type Page, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CHROMIUM = '/usr/bin/chromium';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const artifacts = path.join(root, 'test-artifacts/e2e');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

let system: ChildProcess;
let output = '';
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
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, EMULATOR_PORT: String(ports.emulator), PORT: String(ports.server), ASSISTANT_PORT: String(ports.assistant), ADMIN_PORT: String(ports.admin), LOG_LEVEL: 'warn' };
  for (const name of ['GOOGLE_OAUTH_CLIENT_ID', 'GOOGLE_OAUTH_CLIENT_SECRET', 'MCP_API_KEY', 'ADMIN_PASSWORD', 'ADMIN_TOKEN', 'TOKEN_ENCRYPTION_KEY', 'GOOGLE_OAUTH_BASE_URL']) delete env[name];
  system = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  system.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  system.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  for (let i = 0; !output.includes('Agendo is running'); i++) {
    if (system.exitCode !== null || i > 1200) throw new Error(`npm start's processes did not come up:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  if (system && system.exitCode === null) {
    const exited = new Promise((r) => system.once('exit', r));
    system.kill('SIGINT');
    await exited;
  }
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}, 30_000);

const statusCell = (id: string) => page.getByTestId(`status-${id}`);

describe('the seed flow in Chromium', { timeout: 90_000 }, () => {
  it('the banner names every part, the mode and the admin password', () => {
    expect(output).toContain('DEMO — Google stand-in');
    expect(output).toContain(`${admin()}/clientes`);
    expect(output).toContain(`admin password:`);
  });

  it('log in → add "cliente-123" → Conectar → approve in the popup → the row shows "Conectado" with the email', async () => {
    await page.goto(`${admin()}/clientes`);
    await page.getByLabel('Contraseña').waitFor();
    await shot(page, 'login');
    await page.getByLabel('Contraseña').fill(fs.readFileSync(path.join(dataDir, 'admin-password'), 'utf8').trim());
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.getByRole('heading', { name: 'Clientes' }).waitFor();
    await shot(page, 'clientes-empty');

    await page.getByTestId('add-customer').click();
    await page.getByLabel('ID del Cliente').fill('cliente-123');
    await page.getByLabel('Email del Cliente').fill('cliente@ejemplo.com');
    await page.getByLabel('Nombre del Cliente').fill('Juan Pérez');
    await shot(page, 'add-customer-form');
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
  });

  it('"Probar asistente": the seed conversation books tomorrow 15:00 in the stand-in calendar', async () => {
    await page.getByRole('link', { name: 'Probar asistente' }).click();
    await page.goto(`${admin()}/probar?cliente=cliente-123`);
    const send = async (text: string) => {
      await page.getByLabel('Mensaje').fill(text);
      await page.getByRole('button', { name: 'Enviar' }).click();
    };
    await send('Hola, quiero reservar para mañana a las 3 PM');
    await page.getByText(/¿Confirmas la reserva para mañana \d\d\/\d\d a las 15:00\?/).waitFor();
    await shot(page, 'proposal');
    await send('Sí, confirmo');
    await page.getByText('¡Reserva confirmada! Se ha creado en tu Google Calendar.', { exact: false }).waitFor();
    await shot(page, 'confirmed');

    const calendar = (await (await fetch(`${emulator()}/__emulator/calendars/cliente@ejemplo.com/events`)).json()) as {
      timeZone: string;
      items: { status: string; start: { dateTime: string } }[];
    };
    const confirmed = calendar.items.filter((e) => e.status === 'confirmed');
    expect(confirmed).toHaveLength(1);
    const start = new Date(confirmed[0]?.start.dateTime ?? '');
    const local = new Intl.DateTimeFormat('en-CA', { timeZone: calendar.timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(start);
    const tomorrow = new Intl.DateTimeFormat('en-CA', { timeZone: calendar.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + 24 * 3600_000));
    expect(local).toBe(`${tomorrow}, 15:00`);
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

/**
 * `npm run chat -- --customer ID [--url http://localhost:8080]`: chat as a customer from a terminal,
 * through the running assistant's `/api/admin/chat` (the same engine as WhatsApp and the admin's
 * simulator). Authenticates with ADMIN_TOKEN, or the token the demo keeps in DATA_DIR/admin-token.
 */
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { DEFAULT_PORTS } from '@agendo/local-defaults';

const usage = 'usage: npm run chat -- --customer ID [--url http://localhost:8080]';

function fail(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

let values;
try {
  ({ values } = parseArgs({ options: { customer: { type: 'string' }, url: { type: 'string' } }, strict: true }));
} catch (err) {
  fail(`${(err as Error).message}\n${usage}`, 2);
}
const customer = values.customer;
if (!customer) fail(usage, 2);
const url = (values.url ?? process.env.ASSISTANT_URL ?? `http://localhost:${process.env.ASSISTANT_PORT ?? DEFAULT_PORTS.assistant}`).replace(/\/$/, '');
const dataDir = path.resolve(process.env.INIT_CWD ?? process.cwd(), process.env.DATA_DIR ?? 'data');
const tokenFile = path.join(dataDir, 'admin-token');
const token = process.env.ADMIN_TOKEN ?? (fs.existsSync(tokenFile) ? fs.readFileSync(tokenFile, 'utf8').trim() : undefined);
if (!token) fail(`No ADMIN_TOKEN set and no ${tokenFile}; start the system with npm start first, or set ADMIN_TOKEN.`, 1);

async function send(text: string): Promise<string[]> {
  let res: Response;
  try {
    res = await fetch(`${url}/api/admin/chat`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ customer_id: customer, text }),
    });
  } catch {
    fail(`The assistant is not reachable at ${url}; is it running (npm start)?`, 1);
  }
  const body = (await res.json()) as { replies?: string[]; message?: string };
  if (!res.ok) return [`(error ${res.status}) ${body.message ?? ''}`];
  return body.replies ?? [];
}

const interactive = process.stdin.isTTY === true;
const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: interactive });
if (interactive) process.stdout.write(`Chatting as ${customer} with ${url} (Ctrl-D to quit)\n`);
rl.setPrompt('tú> ');
if (interactive) rl.prompt();
for await (const line of rl) {
  const text = line.trim();
  if (text) {
    if (!interactive) process.stdout.write(`tú> ${text}\n`);
    for (const reply of await send(text)) process.stdout.write(`asistente> ${reply}\n`);
  }
  if (interactive) rl.prompt();
}

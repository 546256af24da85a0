import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, type System, startSystem } from './system-harness.js';

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function runChat(args: string[], input: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--conditions=@agendo/source', '--import', 'tsx', 'src/chat/chat-command.ts', ...args], {
      cwd: appDir,
      env: { PATH: process.env.PATH ?? '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

let s: System;
beforeAll(async () => {
  s = await startSystem();
  await s.addConnectedCustomer({ customer_id: 'cliente-cli', email: 'cli@ejemplo.com', name: 'Clara' }, 'Europe/Madrid');
});
afterAll(async () => {
  await s?.close();
});

describe('npm run chat', () => {
  it('chats as a customer through the running assistant, line by line', async () => {
    const { code, stdout } = await runChat(['--customer', 'cliente-cli', '--url', s.assistant.url], 'hola\n¿qué citas tengo?\n', { ADMIN_TOKEN });
    expect(code).toBe(0);
    expect(stdout).toContain('tú> hola\nasistente> ¡Hola Clara! Soy el asistente de reservas.');
    expect(stdout).toContain('asistente> No tienes reservas próximas.');
  });

  it('says what is wrong instead of crashing', async () => {
    const usage = await runChat([], '', { ADMIN_TOKEN });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('usage: npm run chat -- --customer ID');
    const unknown = await runChat(['--customer', 'nadie', '--url', s.assistant.url], 'hola\n', { ADMIN_TOKEN });
    expect(unknown.stdout).toContain('(error 404) No existe el cliente «nadie».');
    const down = await runChat(['--customer', 'cliente-cli', '--url', 'http://127.0.0.1:9'], 'hola\n', { ADMIN_TOKEN });
    expect(down.code).toBe(1);
    expect(down.stderr).toContain('The assistant is not reachable at http://127.0.0.1:9');
  });
});

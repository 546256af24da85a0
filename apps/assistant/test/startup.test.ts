import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function start(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--conditions=@agendo/source', '--import', 'tsx', 'src/main.ts'], {
      cwd: appDir,
      env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), DATA_DIR: path.join(os.tmpdir(), 'agendo-startup-test'), ASSISTANT_PORT: '0', ...env },
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

const valid = { ADMIN_PASSWORD: 'una-clave-larga', MCP_API_KEY: 'mcp-key-0123456789abcdefghijkl' };

describe('the assistant process refuses a bad configuration, naming it', () => {
  it.each([
    [{ MCP_API_KEY: valid.MCP_API_KEY }, /ADMIN_PASSWORD: is required/],
    [{ ...valid, ADMIN_PASSWORD: 'corta' }, /ADMIN_PASSWORD: must be at least 8 characters/],
    [{ ...valid, MCP_SERVER_URL: 'localhost:60000' }, /MCP_SERVER_URL: must be an http\(s\) URL/],
    [{ ...valid, DEFAULT_TIME_ZONE: 'Mars/Olympus' }, /DEFAULT_TIME_ZONE: must be an IANA time zone/],
    [{ ...valid, ASSISTANT_LLM_BASE_URL: 'http://localhost:11434/v1' }, /ASSISTANT_LLM_MODEL: is required when ASSISTANT_LLM_BASE_URL is set/],
    [{ ...valid, WHATSAPP_VERIFY_TOKEN: 'x' }, /Invalid WhatsApp configuration: .*WHATSAPP_APP_SECRET/],
    [{ ...valid, DATABASE_URL: 'mysql://agendo:s3creto-pw@db.example:3306/agendo' }, /DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ URL/],
    [{ ...valid, DATABASE_URL: 'postgresql://agendo:s3creto-pw@127.0.0.1:9/agendo' }, /cannot reach PostgreSQL at postgres(ql)?:\/\/agendo:\*\*\*@127\.0\.0\.1:9\/agendo/],
  ])('%o', async (env, message) => {
    const { code, output } = await start(env);
    expect(code).toBe(1);
    expect(output).toContain('assistant: cannot start.');
    expect(output).toMatch(message);
    expect(output).not.toMatch(/\n\s+at /);
    expect(output).not.toContain('s3creto-pw');
  });
});

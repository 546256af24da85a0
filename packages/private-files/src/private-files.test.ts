import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensurePrivateDirectory, ensurePrivateFile } from './index.js';

const mode = (p: string) => fs.statSync(p).mode & 0o7777;
let root: string;
let umask: number;

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'private-files-'));
  umask = process.umask(0o022);
});
afterEach(() => {
  process.umask(umask);
  fs.rmSync(root, { recursive: true, force: true });
});

describe('ensurePrivateDirectory', () => {
  it('creates missing folders 0700 under umask 022', () => {
    const dir = path.join(root, 'a', 'data');
    ensurePrivateDirectory(dir);
    expect(mode(dir)).toBe(0o700);
  });

  it('narrows an existing 0755 folder to 0700', () => {
    const dir = path.join(root, 'data');
    fs.mkdirSync(dir, { mode: 0o755 });
    ensurePrivateDirectory(dir);
    expect(mode(dir)).toBe(0o700);
  });

  it('leaves a shared sticky folder such as /tmp alone', () => {
    const dir = path.join(root, 'shared');
    fs.mkdirSync(dir);
    fs.chmodSync(dir, 0o1777);
    ensurePrivateDirectory(dir);
    expect(mode(dir)).toBe(0o1777);
  });
});

describe('ensurePrivateFile', () => {
  it("creates a missing file 0600 and keeps an existing one's content while narrowing it", () => {
    const created = path.join(root, 'new.db');
    ensurePrivateFile(created);
    expect(mode(created)).toBe(0o600);
    expect(fs.readFileSync(created, 'utf8')).toBe('');

    const old = path.join(root, 'old.db');
    fs.writeFileSync(old, 'data', { mode: 0o644 });
    ensurePrivateFile(old);
    expect(mode(old)).toBe(0o600);
    expect(fs.readFileSync(old, 'utf8')).toBe('data');
  });
});

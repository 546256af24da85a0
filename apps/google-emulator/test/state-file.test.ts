import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StateFile, type StateFileWriter } from '../src/state/state-file.js';
import { StateFileError } from '../src/state/state-file-error.js';

let folder: string;

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'state-file-'));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A writer that records each write and lets the test decide when it finishes. */
function recordingWriter() {
  const writes: string[] = [];
  const pending: { resolve: () => void; reject: (error: Error) => void }[] = [];
  let concurrent = 0;
  let maxConcurrent = 0;
  let hold = false;
  const write: StateFileWriter = async (_path, data) => {
    writes.push(data);
    concurrent += 1;
    maxConcurrent = Math.max(maxConcurrent, concurrent);
    try {
      if (hold) await new Promise<void>((resolve, reject) => pending.push({ resolve, reject }));
    } finally {
      concurrent -= 1;
    }
  };
  return {
    write,
    writes,
    maxConcurrent: () => maxConcurrent,
    holdWrites: (value: boolean) => (hold = value),
    finishWrite: () => pending.shift()?.resolve(),
    failWrite: (error: Error) => pending.shift()?.reject(error),
    inFlight: () => pending.length,
  };
}

describe('StateFile writes', () => {
  it('coalesces a burst of 1,000 changes into one write of the latest state', async () => {
    const writer = recordingWriter();
    let version = 0;
    const file = new StateFile(join(folder, 'state.json'), { render: () => `v${version}`, delayMs: 20, write: writer.write });
    for (let change = 1; change <= 1000; change += 1) {
      version = change;
      file.markDirty();
    }
    expect(writer.writes).toEqual([]);
    await sleep(60);
    expect(writer.writes).toEqual(['v1000']);
    expect(file.status()).toMatchObject({ writes: 1, dirty: false, error: null });
  });

  it('keeps one write in flight and saves changes made during it in exactly one more', async () => {
    const writer = recordingWriter();
    writer.holdWrites(true);
    let version = 0;
    const file = new StateFile(join(folder, 'state.json'), { render: () => `v${version}`, delayMs: 5, write: writer.write });
    version = 1;
    file.markDirty();
    await sleep(20);
    expect(writer.writes).toEqual(['v1']);
    for (version = 2; version <= 50; version += 1) file.markDirty();
    version = 50;
    await sleep(20);
    expect(writer.writes).toEqual(['v1']); // still waiting for the first write
    expect(file.status().dirty).toBe(true);
    writer.finishWrite();
    await sleep(20);
    expect(writer.writes).toEqual(['v1', 'v50']);
    writer.finishWrite();
    await sleep(20);
    expect(writer.writes).toHaveLength(2);
    expect(writer.maxConcurrent()).toBe(1);
  });

  it('flush writes what is pending at once and waits for a write in flight', async () => {
    const writer = recordingWriter();
    let version = 1;
    const file = new StateFile(join(folder, 'state.json'), { render: () => `v${version}`, delayMs: 10_000, write: writer.write });
    file.markDirty();
    await file.flush();
    expect(writer.writes).toEqual(['v1']);

    writer.holdWrites(true);
    version = 2;
    file.markDirty();
    const flushing = file.flush();
    await sleep(5);
    version = 3;
    file.markDirty();
    writer.finishWrite();
    await sleep(5);
    writer.finishWrite();
    await flushing;
    expect(writer.writes).toEqual(['v1', 'v2', 'v3']);
    await file.flush(); // nothing pending: no write
    expect(writer.writes).toHaveLength(3);
  });

  it('reports a failed write, retries it, and makes flush and close fail while it fails', async () => {
    const errors: StateFileError[] = [];
    let failing = true;
    const writes: string[] = [];
    const file = new StateFile(join(folder, 'state.json'), {
      render: () => 'data',
      delayMs: 5,
      write: async (_path, data) => {
        writes.push(data);
        if (failing) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      },
      onError: (error) => errors.push(error),
    });
    file.markDirty();
    await sleep(30);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(StateFileError);
    expect(errors[0]?.code).toBe('STATE_FILE_WRITE_FAILED');
    expect(errors[0]?.message).toContain('ENOSPC');
    expect(file.status()).toMatchObject({ dirty: true, writes: 0 });
    expect(file.status().error).toContain(join(folder, 'state.json'));

    await expect(file.flush()).rejects.toMatchObject({ code: 'STATE_FILE_WRITE_FAILED' });
    failing = false;
    await file.close();
    expect(file.status()).toMatchObject({ dirty: false, writes: 1, error: null });
    file.markDirty(); // closed: ignored
    await sleep(20);
    expect(file.status()).toMatchObject({ dirty: false, writes: 1 });
  });
});

describe('StateFile on disk', () => {
  it('reads nothing from a missing file, creates its folder 0700 and removes temporary files a crash left', async () => {
    const path = join(folder, 'nested', 'state.json');
    const file = new StateFile(path, { render: () => '{}' });
    expect(file.read()).toBeUndefined();
    expect(statSync(join(folder, 'nested')).mode & 0o777).toBe(0o700);

    writeFileSync(join(folder, 'nested', '.state.json.tmp-123-abc'), 'half a wr');
    writeFileSync(join(folder, 'nested', 'other.json'), 'kept');
    expect(new StateFile(path, { render: () => '{}' }).read()).toBeUndefined();
    expect(readdirSync(join(folder, 'nested'))).toEqual(['other.json']);
  });

  it('replaces the file atomically with a 0600 one, leaving no temporary file', async () => {
    const path = join(folder, 'state.json');
    writeFileSync(path, 'old', { mode: 0o644 });
    let content = 'new content';
    const file = new StateFile(path, { render: () => content });
    file.markDirty();
    await file.flush();
    expect(readFileSync(path, 'utf8')).toBe('new content');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    content = 'newer';
    file.markDirty();
    await file.close();
    expect(readFileSync(path, 'utf8')).toBe('newer');
    expect(readdirSync(folder)).toEqual(['state.json']);
  });

  it('does not close a shared sticky folder such as /tmp', () => {
    const shared = join(folder, 'shared');
    mkdirSync(shared);
    chmodSync(shared, 0o1777);
    expect(new StateFile(join(shared, 'state.json'), { render: () => '' }).read()).toBeUndefined();
    expect(statSync(shared).mode & 0o7777).toBe(0o1777);
  });
});

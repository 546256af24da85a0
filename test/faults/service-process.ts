import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tsxLoader = pathToFileURL(path.join(root, 'node_modules/tsx/dist/loader.mjs')).href;

/**
 * One of our services as a real process started from its sources, on a fixed port so that a restart
 * keeps its address: the fault suite kills it with SIGKILL in the middle of work and starts it again.
 */
export class ServiceProcess {
  readonly name: string;
  readonly #entry: string;
  readonly #env: NodeJS.ProcessEnv;
  readonly #health: string;
  #child: ChildProcess | undefined;
  #output = '';

  constructor(name: string, entry: string, env: Record<string, string>, health: string) {
    this.name = name;
    this.#entry = path.join(root, entry);
    this.#env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env };
    this.#health = health;
  }

  /** What the process printed, for failure messages. */
  get output(): string {
    return this.#output;
  }

  /** Starts the process and waits until its health URL answers 200. */
  async start(): Promise<void> {
    const child = spawn(process.execPath, ['--conditions=@agendo/source', '--import', tsxLoader, this.#entry], { cwd: root, env: this.#env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.#child = child;
    child.stdout?.on('data', (d: Buffer) => (this.#output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (this.#output += d.toString()));
    for (let i = 0; i < 400; i++) {
      if (child.exitCode !== null) throw new Error(`${this.name} exited at start:\n${this.#output.slice(-3000)}`);
      try {
        if ((await fetch(this.#health)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`${this.name} did not become healthy:\n${this.#output.slice(-3000)}`);
  }

  /** SIGKILL: no shutdown hook runs, whatever was in flight is cut. */
  async kill9(): Promise<void> {
    const child = this.#child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }

  /** A clean stop (SIGTERM), waiting for the exit. */
  async stop(): Promise<void> {
    const child = this.#child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
}

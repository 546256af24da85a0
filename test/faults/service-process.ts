import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tsxLoader = pathToFileURL(path.join(root, 'node_modules/tsx/dist/loader.mjs')).href;

/** How a {@link ServiceProcess} runs its entry point. */
export interface ServiceProcessOptions {
  /**
   * The entry is a built file (`apps/<app>/dist/….js`) run with plain node, as in production (the replica
   * test); otherwise a TypeScript source run through tsx.
   */
  readonly built?: boolean;
}

/**
 * One of our services as a real process started from its sources (or its build), on a fixed port so
 * that a restart keeps its address: the fault suite kills it with SIGKILL in the middle of work and starts it again.
 */
export class ServiceProcess {
  readonly name: string;
  readonly #entry: string;
  readonly #built: boolean;
  readonly #env: NodeJS.ProcessEnv;
  readonly #health: string;
  #child: ChildProcess | undefined;
  #output = '';

  constructor(name: string, entry: string, env: Record<string, string>, health: string, options: ServiceProcessOptions = {}) {
    this.name = name;
    this.#entry = path.join(root, entry);
    this.#built = options.built ?? false;
    this.#env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env };
    this.#health = health;
  }

  /** What the process printed, for failure messages. */
  get output(): string {
    return this.#output;
  }

  /** Whether the process is running now. */
  get running(): boolean {
    const child = this.#child;
    return child !== undefined && child.exitCode === null && child.signalCode === null;
  }

  /** Starts the process and waits until its health URL answers 200. */
  async start(): Promise<void> {
    if (this.#built && !fs.existsSync(this.#entry)) throw new Error(`${this.name}: ${path.relative(root, this.#entry)} is missing; run \`npm run build\` first`);
    const args = this.#built ? [this.#entry] : ['--conditions=@agendo/source', '--import', tsxLoader, this.#entry];
    const child = spawn(process.execPath, args, { cwd: root, env: this.#env, stdio: ['ignore', 'pipe', 'pipe'] });
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

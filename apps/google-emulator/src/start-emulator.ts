import type { AddressInfo } from 'node:net';
import { buildEmulator } from './app.js';
import { DEFAULT_EMULATOR_HOST, DEFAULT_EMULATOR_PORT, type EmulatorOptions } from './options.js';

/** A listening emulator. */
export interface RunningEmulator {
  /** Base URL without trailing slash, e.g. `http://127.0.0.1:43121`. */
  url: string;
  close(): Promise<void>;
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

/** Builds the emulator and starts listening (`port: 0` picks a free port). */
export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  const app = buildEmulator(options);
  const host = options.host ?? DEFAULT_EMULATOR_HOST;
  try {
    await app.listen({ host, port: options.port ?? DEFAULT_EMULATOR_PORT });
  } catch (error) {
    await app.close();
    throw error;
  }
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://${urlHost(host)}:${port}`,
    async close() {
      await app.close();
    },
  };
}

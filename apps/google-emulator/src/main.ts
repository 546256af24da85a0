import fs from 'node:fs';
import { EmulatorConfigError, loadEmulatorConfig } from './config.js';
import { type RunningEmulator, startEmulator } from './start-emulator.js';
import { StateFileError } from './state/state-file-error.js';

// `.env` in the working directory, when present, fills in what the real environment does not set.
if (fs.existsSync('.env')) process.loadEnvFile('.env');

/** A state file problem is the user's to fix: say what and where, without a stack trace. */
function failWith(error: unknown): never {
  if (error instanceof StateFileError || error instanceof EmulatorConfigError) {
    process.stderr.write(`google-emulator: ${error.message}\n`);
    process.exit(1);
  }
  throw error;
}

let emulator: RunningEmulator;
let stateFile: string | undefined;
try {
  const config = loadEmulatorConfig();
  stateFile = config.stateFile;
  emulator = await startEmulator({ host: config.host, port: config.port, ...(stateFile === undefined ? {} : { stateFile }), clients: [config.client] });
} catch (error) {
  failWith(error);
}
console.log(`Google emulator listening on ${emulator.url}`);
console.log(stateFile === undefined ? 'Google emulator state: in memory (set EMULATOR_STATE_FILE to keep it)' : `Google emulator state: ${stateFile}`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  try {
    // Closing writes every change not yet in the state file.
    await emulator.close();
  } catch (error) {
    failWith(error);
  }
  process.exit(0);
}
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());

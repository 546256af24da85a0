import fs from 'node:fs';
import { DEFAULT_EMULATOR_HOST, DEFAULT_EMULATOR_PORT } from './options.js';
import { startEmulator, type RunningEmulator } from './start-emulator.js';
import { StateFileError } from './state/state-file-error.js';
import { DEFAULT_PORTS, DEMO_OAUTH_CLIENT, localUrl } from '@agendo/local-defaults';

// `.env` in the working directory, when present, fills in what the real environment does not set.
if (fs.existsSync('.env')) process.loadEnvFile('.env');
const env = process.env;
const port = Number(env.EMULATOR_PORT ?? DEFAULT_EMULATOR_PORT);
if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid EMULATOR_PORT: ${env.EMULATOR_PORT}`);
// npm start's demo sets it to $DATA_DIR/google-emulator-state.json; unset or empty → in memory.
const stateFile = env.EMULATOR_STATE_FILE?.trim() || undefined;

/** A state file problem is the user's to fix: say what and where, without a stack trace. */
function failWith(error: unknown): never {
  if (error instanceof StateFileError) {
    process.stderr.write(`google-emulator: ${error.message}\n`);
    process.exit(1);
  }
  throw error;
}

let emulator: RunningEmulator;
try {
  emulator = await startEmulator({
    host: env.EMULATOR_HOST ?? DEFAULT_EMULATOR_HOST,
    port,
    ...(stateFile === undefined ? {} : { stateFile }),
    clients: [
      {
        clientId: env.GOOGLE_OAUTH_CLIENT_ID ?? DEMO_OAUTH_CLIENT.clientId,
        clientSecret: env.GOOGLE_OAUTH_CLIENT_SECRET ?? DEMO_OAUTH_CLIENT.clientSecret,
        // Several redirect URIs may be given, comma-separated.
        redirectUris: (env.GOOGLE_OAUTH_REDIRECT_URI ?? `${localUrl(DEFAULT_PORTS.calendarServer)}/oauth/callback`).split(',').map((uri) => uri.trim()),
      },
    ],
  });
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

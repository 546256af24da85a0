import { DEFAULT_EMULATOR_HOST, DEFAULT_EMULATOR_PORT } from './options.js';
import { startEmulator } from './start-emulator.js';

const env = process.env;
const port = Number(env.EMULATOR_PORT ?? DEFAULT_EMULATOR_PORT);
if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid EMULATOR_PORT: ${env.EMULATOR_PORT}`);

const emulator = await startEmulator({
  host: env.EMULATOR_HOST ?? DEFAULT_EMULATOR_HOST,
  port,
  clients: [
    {
      clientId: env.GOOGLE_OAUTH_CLIENT_ID ?? 'agendo-demo.apps.googleusercontent.com',
      clientSecret: env.GOOGLE_OAUTH_CLIENT_SECRET ?? 'agendo-demo-secret',
      // Several redirect URIs may be given, comma-separated.
      redirectUris: (env.GOOGLE_OAUTH_REDIRECT_URI ?? 'http://localhost:60000/oauth/callback').split(',').map((uri) => uri.trim()),
    },
  ],
});
console.log(`Google emulator listening on ${emulator.url}`);

async function stop(): Promise<void> {
  await emulator.close();
  process.exit(0);
}
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());

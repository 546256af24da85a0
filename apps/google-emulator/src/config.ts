import { DEFAULT_PORTS, DEMO_OAUTH_CLIENT, localUrl } from '@agendo/local-defaults';
import { z } from 'zod';
import type { EmulatorClient } from './options.js';
import { DEFAULT_EMULATOR_HOST } from './options.js';

/** The stand-in's settings when it runs as a process (`node apps/google-emulator/dist/main.js`). */
export interface EmulatorConfig {
  readonly host: string;
  readonly port: number;
  /** Where the state is kept between starts; undefined keeps it in memory. */
  readonly stateFile: string | undefined;
  /** The one OAuth client it knows (the demo's, or the one the calendar server is configured with). */
  readonly client: EmulatorClient;
}

/** Thrown when the environment is invalid; its message names every offending variable. */
export class EmulatorConfigError extends Error {
  override readonly name = 'EmulatorConfigError';
}

const envSchema = z.object({
  EMULATOR_HOST: z.string().trim().min(1).default(DEFAULT_EMULATOR_HOST),
  EMULATOR_PORT: z.coerce
    .number({ error: 'must be a port number (0–65535)' })
    .int('must be a port number (0–65535)')
    .min(0, 'must be a port number (0–65535)')
    .max(65535, 'must be a port number (0–65535)')
    .default(DEFAULT_PORTS.googleEmulator),
  EMULATOR_STATE_FILE: z.string().trim().min(1).optional(),
  GOOGLE_OAUTH_CLIENT_ID: z.string().trim().min(1).default(DEMO_OAUTH_CLIENT.clientId),
  GOOGLE_OAUTH_CLIENT_SECRET: z.string().trim().min(1).default(DEMO_OAUTH_CLIENT.clientSecret),
  // Several redirect URIs may be given, comma-separated.
  GOOGLE_OAUTH_REDIRECT_URI: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((uri) => uri.trim())
        .filter((uri) => uri !== ''),
    )
    .pipe(z.array(z.string().refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), 'must be http(s) URLs, comma-separated')).min(1))
    .default([`${localUrl(DEFAULT_PORTS.calendarServer)}/oauth/callback`]),
});

/**
 * Reads and validates the stand-in's environment, the same way the services read theirs: an empty
 * variable counts as unset, and an invalid one stops the start with a message naming it.
 */
export function loadEmulatorConfig(env: NodeJS.ProcessEnv = process.env): EmulatorConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new EmulatorConfigError(`Invalid configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  const e = parsed.data;
  return {
    host: e.EMULATOR_HOST,
    port: e.EMULATOR_PORT,
    stateFile: e.EMULATOR_STATE_FILE,
    client: { clientId: e.GOOGLE_OAUTH_CLIENT_ID, clientSecret: e.GOOGLE_OAUTH_CLIENT_SECRET, redirectUris: e.GOOGLE_OAUTH_REDIRECT_URI },
  };
}

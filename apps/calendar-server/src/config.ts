import path from 'node:path';
import { DEFAULT_PORTS, DEMO_OAUTH_CLIENT, localUrl } from '@agendo/local-defaults';
import { z } from 'zod';

/** How the server reaches Google: the real one, or the local stand-in (`apps/google-emulator`). */
export type GoogleMode = 'google' | 'emulator';

/** Validated configuration of the MCP Calendar Server. */
export interface Config {
  readonly mode: GoogleMode;
  readonly production: boolean;
  readonly host: string;
  readonly port: number;
  readonly logLevel: string;
  readonly dataDir: string;
  readonly tokenDbPath: string;
  /**
   * `DATABASE_URL` (postgres:// or postgresql://): the token database lives in PostgreSQL, schema
   * `calendar_server`, and several replicas may share it; undefined keeps the SQLite file `tokenDbPath`.
   */
  readonly databaseUrl: string | undefined;
  /** The current key (base64 or hex text of 32 bytes); undefined means "generate one in DATA_DIR" (demo only). */
  readonly tokenEncryptionKey: string | undefined;
  readonly previousTokenEncryptionKeys: readonly string[];
  readonly mcpApiKey: string;
  readonly adminOrigin: string;
  /** Browser origins allowed to call `POST /mcp` (none by default: the assistant calls server-to-server). */
  readonly mcpAllowedOrigins: readonly string[];
  /** `Host` names `POST /mcp` answers to (default: the listen host and this machine's names). */
  readonly mcpAllowedHosts: readonly string[];
  /**
   * This server's address as Google can reach it (`PUBLIC_BASE_URL`); when set, each connected
   * calendar gets a push channel at `${publicBaseUrl}/google/notifications`.
   */
  readonly publicBaseUrl: string | undefined;
  /** Each HTTP request to Google is abandoned after this long (`GOOGLE_REQUEST_TIMEOUT_MS`). */
  readonly googleRequestTimeoutMs: number;
  /** Every tool call answers within this (`TOOL_DEADLINE_MS`), below the assistant's MCP timeout. */
  readonly toolDeadlineMs: number;
  readonly calendarBackend: 'google_calendar';
  /** How many days ahead a booking may be made (`BOOKING_HORIZON_DAYS`). */
  readonly bookingHorizonDays: number;
  readonly google: {
    readonly clientId: string;
    readonly clientSecret: string;
    readonly redirectUri: string;
    /** Base URL of the OAuth2 endpoints when they are not Google's (the stand-in). */
    readonly oauthBaseUrl: string | undefined;
    /** Base URL of the Calendar API when it is not Google's (the stand-in). */
    readonly apiBaseUrl: string | undefined;
  };
}

/** Thrown when the environment is invalid; its message names every offending variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const DEMO_CLIENT_ID = DEMO_OAUTH_CLIENT.clientId;
const DEMO_CLIENT_SECRET = DEMO_OAUTH_CLIENT.clientSecret;

const optionalText = z.string().trim().optional();

const httpUrl = z
  .string()
  .trim()
  .refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), 'must be an http(s) URL');

const origin = httpUrl.refine((v) => new URL(v).origin === v.replace(/\/$/, ''), 'must be an origin like http://localhost:5173 (no path)');

const postgresUrl = z
  .string()
  .trim()
  .refine(
    (v) => URL.canParse(v) && /^postgres(ql)?:$/.test(new URL(v).protocol),
    'must be a PostgreSQL URL like postgres://user:password@host:5432/database (or leave it unset to use the SQLite file TOKEN_DB_PATH)',
  )
  .refine(
    (v) => !URL.canParse(v) || new URL(v).hostname !== '' || new URL(v).searchParams.has('host'),
    'must name the PostgreSQL host (postgres://user:password@host:5432/database)',
  );

const envSchema = z.object({
  NODE_ENV: optionalText,
  HOST: z.string().trim().min(1).default('localhost'),
  PORT: z.coerce.number().int().min(0).max(65535).default(DEFAULT_PORTS.calendarServer),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().trim().min(1).default('data'),
  TOKEN_DB_PATH: z.string().trim().min(1).default('tokens.db'),
  DATABASE_URL: postgresUrl.optional(),
  TOKEN_ENCRYPTION_KEY: optionalText,
  TOKEN_ENCRYPTION_KEYS_PREVIOUS: optionalText,
  MCP_API_KEY: z
    .string({ error: 'is required (a random secret of at least 24 characters shared with the assistant service)' })
    .trim()
    .min(24, 'must be at least 24 characters (use e.g. `openssl rand -base64 32`)'),
  ADMIN_ORIGIN: origin.default(localUrl(DEFAULT_PORTS.admin)),
  MCP_ALLOWED_HOSTS: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((h) => h.trim())
        .filter((h) => h !== ''),
    )
    .pipe(z.array(z.string().regex(/^[A-Za-z0-9.:[\]-]+$/, 'must be hostnames like agendo.example.com, comma-separated')))
    .default([]),
  MCP_ALLOWED_ORIGINS: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((o) => o.trim())
        .filter((o) => o !== ''),
    )
    .pipe(z.array(origin))
    .default([]),
  CALENDAR_BACKEND: z.enum(['google_calendar']).default('google_calendar'),
  BOOKING_HORIZON_DAYS: z.coerce.number().int('must be a whole number of days').min(1).max(3650).default(365),
  GOOGLE_OAUTH_CLIENT_ID: optionalText,
  GOOGLE_OAUTH_CLIENT_SECRET: optionalText,
  GOOGLE_OAUTH_REDIRECT_URI: httpUrl.default(`${localUrl(DEFAULT_PORTS.calendarServer)}/oauth/callback`),
  GOOGLE_OAUTH_BASE_URL: httpUrl.optional(),
  GOOGLE_API_BASE_URL: httpUrl.optional(),
  PUBLIC_BASE_URL: httpUrl.optional(),
  GOOGLE_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100, 'must be at least 100 (milliseconds)').max(60_000, 'must be at most 60000 (milliseconds)').default(10_000),
  TOOL_DEADLINE_MS: z.coerce
    .number()
    .int()
    .min(500, 'must be at least 500 (milliseconds)')
    .max(55_000, "must be at most 55000 (milliseconds): below the assistant's 60 s MCP timeout")
    .default(25_000),
});

/**
 * Reads and validates the configuration from `env`. A relative `DATA_DIR` is resolved against the
 * folder npm was started from (`INIT_CWD`, so `npm run -w …` from the repository root means the root's
 * `./data`), and a relative `TOKEN_DB_PATH` inside `DATA_DIR`. Throws {@link ConfigError} naming each
 * invalid variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd: string = env.INIT_CWD ?? process.cwd()): Config {
  // An empty variable counts as unset, as in most deployment tools.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    // zod's message never quotes the value: a DATABASE_URL's password cannot reach the output.
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const mode: GoogleMode = e.GOOGLE_OAUTH_BASE_URL ? 'emulator' : 'google';
  const production = e.NODE_ENV === 'production';
  const problems: string[] = [];

  if (mode === 'google') {
    if (!e.GOOGLE_OAUTH_CLIENT_ID) problems.push('GOOGLE_OAUTH_CLIENT_ID: is required to talk to Google (or set GOOGLE_OAUTH_BASE_URL to use the local stand-in)');
    if (!e.GOOGLE_OAUTH_CLIENT_SECRET) problems.push('GOOGLE_OAUTH_CLIENT_SECRET: is required to talk to Google');
    if (!e.TOKEN_ENCRYPTION_KEY) problems.push('TOKEN_ENCRYPTION_KEY: is required with real Google credentials (32 random bytes, base64 or hex: `openssl rand -base64 32`)');
  } else if (production && !e.TOKEN_ENCRYPTION_KEY) {
    problems.push('TOKEN_ENCRYPTION_KEY: is required when NODE_ENV=production');
  }
  if (e.GOOGLE_REQUEST_TIMEOUT_MS > e.TOOL_DEADLINE_MS) {
    problems.push(`GOOGLE_REQUEST_TIMEOUT_MS: must not exceed TOOL_DEADLINE_MS (${e.TOOL_DEADLINE_MS}); a single Google request could never use its timeout`);
  }
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);

  const dataDir = path.resolve(cwd, e.DATA_DIR);
  return {
    mode,
    production,
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    dataDir,
    tokenDbPath: path.resolve(dataDir, e.TOKEN_DB_PATH),
    databaseUrl: e.DATABASE_URL,
    tokenEncryptionKey: e.TOKEN_ENCRYPTION_KEY,
    previousTokenEncryptionKeys: (e.TOKEN_ENCRYPTION_KEYS_PREVIOUS ?? '')
      .split(',')
      .map((k) => k.trim())
      .filter((k) => k !== ''),
    mcpApiKey: e.MCP_API_KEY,
    adminOrigin: e.ADMIN_ORIGIN.replace(/\/$/, ''),
    mcpAllowedOrigins: e.MCP_ALLOWED_ORIGINS.map((o) => o.replace(/\/$/, '')),
    mcpAllowedHosts: e.MCP_ALLOWED_HOSTS,
    publicBaseUrl: e.PUBLIC_BASE_URL?.replace(/\/+$/, ''),
    googleRequestTimeoutMs: e.GOOGLE_REQUEST_TIMEOUT_MS,
    toolDeadlineMs: e.TOOL_DEADLINE_MS,
    calendarBackend: e.CALENDAR_BACKEND,
    bookingHorizonDays: e.BOOKING_HORIZON_DAYS,
    google: {
      clientId: e.GOOGLE_OAUTH_CLIENT_ID ?? DEMO_CLIENT_ID,
      clientSecret: e.GOOGLE_OAUTH_CLIENT_SECRET ?? DEMO_CLIENT_SECRET,
      redirectUri: e.GOOGLE_OAUTH_REDIRECT_URI,
      oauthBaseUrl: e.GOOGLE_OAUTH_BASE_URL?.replace(/\/$/, ''),
      apiBaseUrl: (e.GOOGLE_API_BASE_URL ?? e.GOOGLE_OAUTH_BASE_URL)?.replace(/\/$/, ''),
    },
  };
}

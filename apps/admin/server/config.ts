import path from 'node:path';
import { fileURLToPath } from 'node:url';
// The JSON itself, not the package's module: Vite bundles this file for its dev config without the
// workspace's source condition, and a JSON file resolves the same way everywhere.
import localDefaults from '@agendo/local-defaults/local-defaults.json' with { type: 'json' };
import { z } from 'zod';

/** Validated configuration of the Admin-Frontend's production server (`node apps/admin/dist/server.js`). */
export interface AdminServerConfig {
  readonly host: string;
  readonly port: number;
  /** Origin of the assistant service, where `/api` is proxied (no trailing slash). */
  readonly assistantUrl: string;
  /** Origins of the MCP Calendar Server's OAuth callback page, handed to the page at run time. */
  readonly calendarOrigins: readonly string[];
  readonly logLevel: string;
  /** The folder of the built SPA (`index.html`, `assets/`). */
  readonly distDir: string;
}

/** Thrown when the environment is invalid; its message names every offending variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** The built SPA: `public/` beside the running `server.js` (Vite's `build.outDir` is `dist/public`). */
const DEFAULT_DIST_DIR = fileURLToPath(new URL('./public/', import.meta.url));

const origin = z
  .string()
  .trim()
  .transform((v) => v.replace(/\/+$/, ''))
  .refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), 'must be an http(s) URL')
  .refine((v) => !URL.canParse(v) || new URL(v).origin === v, 'must be an origin like http://localhost:60000 (scheme, host and port; no path)');

/** `CALENDAR_ORIGINS`: a comma-separated list of origins; at least one. */
const calendarOriginsSchema = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((o) => o.trim())
      .filter((o) => o !== ''),
  )
  .pipe(z.array(origin).min(1, 'must list at least one origin'));

const DEFAULT_CALENDAR_ORIGINS = `http://localhost:${localDefaults.ports.calendarServer}`;

const envSchema = z.object({
  ADMIN_HOST: z.string().trim().min(1).default('localhost'),
  ADMIN_PORT: z.coerce
    .number({ error: 'must be a port number (0–65535)' })
    .int('must be a port number (0–65535)')
    .min(0, 'must be a port number (0–65535)')
    .max(65535, 'must be a port number (0–65535)')
    .default(localDefaults.ports.admin),
  ASSISTANT_URL: origin.default(`http://localhost:${localDefaults.ports.assistant}`),
  CALENDAR_ORIGINS: calendarOriginsSchema.default([DEFAULT_CALENDAR_ORIGINS]),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ADMIN_DIST_DIR: z.string().trim().min(1).optional(),
});

/** An empty variable counts as unset, as in most deployment tools. */
function presentVariables(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1].trim() !== ''));
}

function configError(issues: z.ZodError['issues']): ConfigError {
  const lines = issues.map((issue) => {
    const [variable, item] = issue.path;
    return `  ${String(variable)}: ${typeof item === 'number' ? `item ${item + 1} ` : ''}${issue.message}`;
  });
  return new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}

/**
 * Reads and validates the server's configuration from `env`. A relative `ADMIN_DIST_DIR` is resolved
 * against `cwd`. Throws {@link ConfigError} naming each invalid variable.
 */
export function loadAdminConfig(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): AdminServerConfig {
  const parsed = envSchema.safeParse(presentVariables(env));
  if (!parsed.success) throw configError(parsed.error.issues);
  const e = parsed.data;
  return {
    host: e.ADMIN_HOST,
    port: e.ADMIN_PORT,
    assistantUrl: e.ASSISTANT_URL,
    calendarOrigins: e.CALENDAR_ORIGINS,
    logLevel: e.LOG_LEVEL,
    distDir: e.ADMIN_DIST_DIR ? path.resolve(cwd, e.ADMIN_DIST_DIR) : DEFAULT_DIST_DIR,
  };
}

/**
 * Reads only `CALENDAR_ORIGINS` (with its default), for Vite's dev server, which serves the same
 * `/config.json` as the production server. Throws {@link ConfigError} naming the variable.
 */
export function loadCalendarOrigins(env: NodeJS.ProcessEnv = process.env): readonly string[] {
  const parsed = envSchema.pick({ CALENDAR_ORIGINS: true }).safeParse(presentVariables(env));
  if (!parsed.success) throw configError(parsed.error.issues);
  return parsed.data.CALENDAR_ORIGINS;
}

import path from 'node:path';
import { DEFAULT_PORTS, localUrl } from '@agendo/local-defaults';
import { z } from 'zod';
import { trustProxySetting } from './admin-auth/trust-proxy-setting.js';

/** Validated configuration of the assistant service. */
export interface AssistantConfig {
  readonly host: string;
  readonly port: number;
  readonly logLevel: string;
  readonly dataDir: string;
  readonly dbPath: string;
  /**
   * `DATABASE_URL`: PostgreSQL (schema `assistant`) instead of the SQLite file `dbPath`, so several
   * replicas share one database. Holds a password: log it only through `redactUrl`.
   */
  readonly databaseUrl: string | undefined;
  readonly adminPassword: string;
  /** Bearer token for scripts; undefined disables bearer access (the UI uses the login session). */
  readonly adminToken: string | undefined;
  /** Set `Secure` on the session cookie (behind HTTPS). */
  readonly secureCookies: boolean;
  /** Proxies whose `X-Forwarded-For` is believed (`TRUST_PROXY`), as Fastify's `trustProxy`; false: none. */
  readonly trustProxy: false | string;
  /** Failed admin logins per minute across all addresses before every login waits (`LOGIN_MAX_FAILURES_PER_MINUTE`). */
  readonly loginMaxFailuresPerMinute: number;
  /**
   * How long a WhatsApp message claimed by a replica stays its own without a renewal (`WHATSAPP_INBOX_LEASE_MS`):
   * a stopped replica's message is taken over by another after this long.
   */
  readonly inboxLeaseMs: number;
  /**
   * How often the assistant asks the calendar server whether a customer sent a reconnection link has used it
   * (`RECONNECT_POLL_MS`); each link's wait doubles after a while, up to 10 minutes, and stops after its 7 days.
   */
  readonly reconnectPollMs: number;
  readonly mcpServerUrl: string;
  readonly mcpApiKey: string;
  /** Time zone to speak in when a customer's calendar cannot tell. */
  readonly defaultTimeZone: string;
  /** Used in booking titles: "Reserva con {businessName}". */
  readonly businessName: string;
  /** WhatsApp reminders of the bookings the assistant made (issue 13). */
  readonly reminders: {
    /** `REMINDER_LEAD_MINUTES`: how long before a booking its reminder goes out; 0: no reminders (a customer's own lead wins). */
    readonly leadMinutes: number;
    /** `REMINDER_POLL_MS`: how often each replica looks for due reminders. */
    readonly pollMs: number;
    /** `WHATSAPP_REMINDER_TEMPLATE`: the approved template (language `es`; body parameters day, time, business). */
    readonly template: string;
  };
  readonly llm: { readonly baseUrl: string; readonly model: string; readonly apiKey: string | undefined } | undefined;
}

/** Thrown when the environment is invalid; its message names every offending variable. */
export class AssistantConfigError extends Error {
  override readonly name = 'AssistantConfigError';
}

const httpUrl = z
  .string()
  .trim()
  .refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), 'must be an http(s) URL');

/** `postgres://` or `postgresql://`; the message never repeats the value (it holds a password). */
const postgresUrl = z
  .string()
  .trim()
  .refine((v) => URL.canParse(v) && /^postgres(ql)?:$/.test(new URL(v).protocol), 'must be a postgres:// or postgresql:// URL (unset: the SQLite file ASSISTANT_DB_PATH)');

const timeZone = z
  .string()
  .trim()
  .refine((v) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: v });
      return true;
    } catch {
      return false;
    }
  }, 'must be an IANA time zone like Europe/Madrid');

const envSchema = z.object({
  HOST: z.string().trim().min(1).default('localhost'),
  ASSISTANT_PORT: z.coerce.number().int().min(0).max(65535).default(DEFAULT_PORTS.assistant),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().trim().min(1).default('data'),
  ASSISTANT_DB_PATH: z.string().trim().min(1).default('assistant.db'),
  DATABASE_URL: postgresUrl.optional(),
  ADMIN_PASSWORD: z.string({ error: 'is required (the password of the admin panel)' }).min(8, 'must be at least 8 characters'),
  ADMIN_TOKEN: z.string().trim().min(24, 'must be at least 24 characters').optional(),
  ADMIN_COOKIE_SECURE: z.enum(['true', 'false']).default('false'),
  TRUST_PROXY: trustProxySetting.default('loopback'),
  LOGIN_MAX_FAILURES_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(30),
  WHATSAPP_INBOX_LEASE_MS: z.coerce.number().int().min(1_000).max(600_000).default(30_000),
  RECONNECT_POLL_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
  MCP_SERVER_URL: httpUrl.default(localUrl(DEFAULT_PORTS.calendarServer)),
  MCP_API_KEY: z.string({ error: 'is required (the same key the MCP Calendar Server has)' }).trim().min(24, 'must be at least 24 characters'),
  DEFAULT_TIME_ZONE: timeZone.default('Europe/Madrid'),
  BUSINESS_NAME: z.string().trim().min(1).max(80).default('Agendo'),
  REMINDER_LEAD_MINUTES: z.coerce.number().int().min(0).max(43_200, 'must be at most 43200 (30 days)').default(1440),
  REMINDER_POLL_MS: z.coerce.number().int().min(100).max(3_600_000).default(15_000),
  WHATSAPP_REMINDER_TEMPLATE: z
    .string()
    .trim()
    .regex(/^[a-z0-9_]{1,512}$/, 'must be a WhatsApp template name (lower-case letters, digits and _)')
    .default('recordatorio_reserva'),
  ASSISTANT_LLM_BASE_URL: httpUrl.optional(),
  ASSISTANT_LLM_MODEL: z.string().trim().min(1).optional(),
  ASSISTANT_LLM_API_KEY: z.string().trim().min(1).optional(),
});

/**
 * Reads and validates the assistant's configuration. A relative `DATA_DIR` is resolved against the
 * folder npm was started from (`INIT_CWD`), a relative `ASSISTANT_DB_PATH` inside `DATA_DIR`;
 * `DATABASE_URL`, when set, puts the data in PostgreSQL instead.
 */
export function loadAssistantConfig(env: NodeJS.ProcessEnv = process.env, cwd: string = env.INIT_CWD ?? process.cwd()): AssistantConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new AssistantConfigError(`Invalid configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  const e = parsed.data;
  if (e.ASSISTANT_LLM_BASE_URL && !e.ASSISTANT_LLM_MODEL) {
    throw new AssistantConfigError('Invalid configuration:\n  ASSISTANT_LLM_MODEL: is required when ASSISTANT_LLM_BASE_URL is set');
  }
  const dataDir = path.resolve(cwd, e.DATA_DIR);
  return {
    host: e.HOST,
    port: e.ASSISTANT_PORT,
    logLevel: e.LOG_LEVEL,
    dataDir,
    dbPath: path.resolve(dataDir, e.ASSISTANT_DB_PATH),
    databaseUrl: e.DATABASE_URL,
    adminPassword: e.ADMIN_PASSWORD,
    adminToken: e.ADMIN_TOKEN,
    secureCookies: e.ADMIN_COOKIE_SECURE === 'true',
    trustProxy: e.TRUST_PROXY,
    loginMaxFailuresPerMinute: e.LOGIN_MAX_FAILURES_PER_MINUTE,
    inboxLeaseMs: e.WHATSAPP_INBOX_LEASE_MS,
    reconnectPollMs: e.RECONNECT_POLL_MS,
    mcpServerUrl: e.MCP_SERVER_URL.replace(/\/$/, ''),
    mcpApiKey: e.MCP_API_KEY,
    defaultTimeZone: e.DEFAULT_TIME_ZONE,
    businessName: e.BUSINESS_NAME,
    reminders: { leadMinutes: e.REMINDER_LEAD_MINUTES, pollMs: e.REMINDER_POLL_MS, template: e.WHATSAPP_REMINDER_TEMPLATE },
    llm: e.ASSISTANT_LLM_BASE_URL && e.ASSISTANT_LLM_MODEL ? { baseUrl: e.ASSISTANT_LLM_BASE_URL, model: e.ASSISTANT_LLM_MODEL, apiKey: e.ASSISTANT_LLM_API_KEY } : undefined,
  };
}

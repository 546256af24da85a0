import { z } from 'zod';

/** Settings of the WhatsApp Cloud API channel. */
export interface WhatsAppConfig {
  /** Token Meta echoes in the `GET` subscription handshake (`hub.verify_token`). */
  verifyToken: string;
  /** App secret: key of the `X-Hub-Signature-256` HMAC over each webhook body. */
  appSecret: string;
  /** Bearer token for the Graph API (system-user or temporary access token). */
  accessToken: string;
  /** Id of the business phone number that receives and sends the messages. */
  phoneNumberId: string;
  /** Graph API base URL without trailing slash, e.g. `https://graph.facebook.com`. */
  apiBaseUrl: string;
  /** Graph API version, e.g. `v21.0`. */
  apiVersion: string;
}

/** The environment variables read by {@link parseWhatsAppConfig}. */
export const WHATSAPP_ENV_VARS = [
  'WHATSAPP_VERIFY_TOKEN',
  'WHATSAPP_APP_SECRET',
  'WHATSAPP_ACCESS_TOKEN',
  'WHATSAPP_PHONE_NUMBER_ID',
  'WHATSAPP_API_BASE_URL',
  'WHATSAPP_API_VERSION',
] as const;

const required = (name: string) =>
  z
    .string({ error: `${name} is missing` })
    .trim()
    .min(1, { error: `${name} is missing` });

const envSchema = z.object({
  WHATSAPP_VERIFY_TOKEN: required('WHATSAPP_VERIFY_TOKEN'),
  WHATSAPP_APP_SECRET: required('WHATSAPP_APP_SECRET'),
  WHATSAPP_ACCESS_TOKEN: required('WHATSAPP_ACCESS_TOKEN'),
  WHATSAPP_PHONE_NUMBER_ID: required('WHATSAPP_PHONE_NUMBER_ID').regex(/^[^\s/?#]+$/, {
    error: 'WHATSAPP_PHONE_NUMBER_ID must be the phone number id (no spaces or slashes)',
  }),
  WHATSAPP_API_BASE_URL: z
    .url({
      protocol: /^https?$/,
      error: 'WHATSAPP_API_BASE_URL must be an http(s) URL such as https://graph.facebook.com',
    })
    .default('https://graph.facebook.com')
    .transform((url) => url.replace(/\/+$/, '')),
  WHATSAPP_API_VERSION: z
    .string()
    .regex(/^v\d+\.\d+$/, { error: 'WHATSAPP_API_VERSION must look like v21.0' })
    .default('v21.0'),
});

/** Thrown when the WHATSAPP_* variables are set only in part or invalid; names each one. */
export class WhatsAppConfigError extends Error {
  override readonly name = 'WhatsAppConfigError';
}

/**
 * Reads the WhatsApp channel settings from `env`.
 *
 * Returns `undefined` when none of {@link WHATSAPP_ENV_VARS} is set (the channel is disabled); throws an
 * `Error` naming every missing or invalid variable when they are only partly set. Empty values count as
 * unset. Error messages never contain the values themselves.
 */
export function parseWhatsAppConfig(env: Readonly<Record<string, string | undefined>> = process.env): WhatsAppConfig | undefined {
  const present = Object.fromEntries(
    WHATSAPP_ENV_VARS.flatMap((name) => {
      const value = env[name];
      return value === undefined || value.trim() === '' ? [] : [[name, value.trim()]];
    }),
  );
  if (Object.keys(present).length === 0) return undefined;

  const result = envSchema.safeParse(present);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => issue.message);
    throw new WhatsAppConfigError(`Invalid WhatsApp configuration: ${problems.join('; ')}`);
  }
  const vars = result.data;
  return {
    verifyToken: vars.WHATSAPP_VERIFY_TOKEN,
    appSecret: vars.WHATSAPP_APP_SECRET,
    accessToken: vars.WHATSAPP_ACCESS_TOKEN,
    phoneNumberId: vars.WHATSAPP_PHONE_NUMBER_ID,
    apiBaseUrl: vars.WHATSAPP_API_BASE_URL,
    apiVersion: vars.WHATSAPP_API_VERSION,
  };
}

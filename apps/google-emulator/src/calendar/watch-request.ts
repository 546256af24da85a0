import { calendarError } from '../google-errors.js';
import { GoogleApiError } from './google-api-error.js';

/** Lifetime of a channel that asks for none, and the longest one granted (later expirations are clamped). */
export const CHANNEL_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

/** Longest channel id Google accepts. */
const MAX_CHANNEL_ID_LENGTH = 64;

/** Delivery types Google accepts for webhooks; both mean the same. */
const WEBHOOK_TYPES = ['web_hook', 'webhook'];

/** A validated `events.watch` body. */
export interface WatchRequest {
  id: string;
  address: string;
  token?: string | undefined;
  /** The granted expiration, ms since the epoch: the requested one, or the default, at most the maximum. */
  expiration: number;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An int64 as Google's JSON carries it (a string of digits, or a number). */
function int64(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d{1,16}$/.test(value)) return Number(value);
  return undefined;
}

function webhookUrlError(address: string): GoogleApiError {
  return new GoogleApiError(calendarError(400, 'push.webhookUrlNotHttps', `WebHook callback must be HTTPS: ${address}`));
}

/**
 * The stand-in accepts `http:` as well as `https:` receivers (local servers have no certificate);
 * anything else, or a URL with credentials, is refused as Google refuses a non-HTTPS callback.
 */
function checkAddress(address: string): void {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw webhookUrlError(address);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.hostname === '' || url.username !== '' || url.password !== '') {
    throw webhookUrlError(address);
  }
}

/** Requested lifetime: `expiration` (ms since the epoch) wins over `params.ttl` (seconds). */
function grantedExpiration(body: Record<string, unknown>, now: number): number {
  const max = now + CHANNEL_LIFETIME_MS;
  if (body.expiration !== undefined && body.expiration !== null) {
    const expiration = int64(body.expiration);
    if (expiration === undefined) throw GoogleApiError.invalid(`Invalid value for: expiration`);
    if (expiration <= now) throw GoogleApiError.invalid('Channel expiration must be in the future.');
    return Math.min(expiration, max);
  }
  const params = body.params;
  if (params !== undefined && params !== null) {
    if (!isObject(params)) throw GoogleApiError.invalid('Invalid value for: params');
    if (params.ttl !== undefined) {
      const ttl = int64(params.ttl);
      if (ttl === undefined || ttl <= 0) throw GoogleApiError.invalid(`Invalid value for: params.ttl`);
      return Math.min(now + ttl * 1000, max);
    }
  }
  return max;
}

/**
 * Validates an `events.watch` body (a Channel resource) as Google does: `id` (≤ 64 characters),
 * `type` `web_hook` or `webhook`, `address`, optional `token`, `expiration` and `params.ttl`.
 * Throws {@link GoogleApiError}s with Google's reasons (`required`, `push.channelTypeNotSupported`,
 * `push.webhookUrlNotHttps`, `invalid`).
 */
export function parseWatchRequest(body: unknown, now: number): WatchRequest {
  if (body === undefined || body === null) throw GoogleApiError.required('Required');
  if (!isObject(body)) throw GoogleApiError.badRequest('The request body must be a Channel resource (a JSON object).');
  const { id, type, address, token } = body;
  if (id === undefined || id === null || id === '') throw GoogleApiError.required('Required channel id.');
  if (typeof id !== 'string' || id.length > MAX_CHANNEL_ID_LENGTH) throw GoogleApiError.invalid('Invalid channel id.');
  if (type === undefined || type === null || type === '') throw GoogleApiError.required('Required channel type.');
  if (typeof type !== 'string' || !WEBHOOK_TYPES.includes(type.toLowerCase())) {
    throw new GoogleApiError(calendarError(400, 'push.channelTypeNotSupported', `Channel type not supported: ${String(type)}`));
  }
  if (address === undefined || address === null || address === '') throw GoogleApiError.required('Required channel address.');
  if (typeof address !== 'string') throw webhookUrlError(String(address));
  checkAddress(address);
  if (token !== undefined && token !== null && typeof token !== 'string') throw GoogleApiError.invalid('Invalid value for: token');
  return {
    id,
    address,
    ...(typeof token === 'string' ? { token } : {}),
    expiration: grantedExpiration(body, now),
  };
}

import { createHash } from 'node:crypto';

/**
 * A notification channel opened by `events.watch` on one account's events collection: where to
 * POST Google's notification messages, until `expiration` or until stopped.
 */
export interface PushChannel {
  /** The client-chosen channel id (unique among one client's live channels). */
  id: string;
  /** The OAuth client (Google's "project") that opened it; only it can stop it. */
  clientId: string;
  /** The grant whose token opened it; revoking the grant stops it. */
  grantId: string;
  /** Lower-cased account email: the watched calendar. */
  email: string;
  /** Opaque id of the watched resource (see {@link eventsResourceId}). */
  resourceId: string;
  /** Version-specific URI of the watched resource, as the watch request named the calendar. */
  resourceUri: string;
  /** Receiving URL (`address`). */
  address: string;
  /** Echoed in `X-Goog-Channel-Token` when given. */
  token?: string | undefined;
  /** ms since the epoch. */
  expiration: number;
  /** ms since the epoch. */
  createdAt: number;
  /** Number of the last message queued on the channel (the `sync` message is 1). */
  messageNumber: number;
}

/**
 * The resource id of an account's events collection: opaque, and stable for the same calendar (every
 * channel on it, across restarts), as Google's is.
 */
export function eventsResourceId(email: string): string {
  return createHash('sha256').update(`calendar/v3/events:${email.toLowerCase()}`).digest('base64url').slice(0, 27);
}

/** The `resourceUri` Google reports for a watch on `calendarId`'s events (as the request named it). */
export function eventsResourceUri(calendarId: string): string {
  return `https://www.googleapis.com/calendar/v3/calendars/${encodeURIComponent(calendarId)}/events?alt=json`;
}

/** The channel as `events.watch` answers it (`api#channel`; int64 `expiration` as a string, as Google sends it). */
export function renderChannel(channel: PushChannel): Record<string, string> {
  return {
    kind: 'api#channel',
    id: channel.id,
    resourceId: channel.resourceId,
    resourceUri: channel.resourceUri,
    ...(channel.token === undefined ? {} : { token: channel.token }),
    expiration: String(channel.expiration),
  };
}

import { type CalendarPopupMessage, type ConnectionStatus, calendarPopupMessageSchema } from '@agendo/contracts';
import type { AdminApi } from './api-client';
import { ApiError } from './api-client';

/** Name and size of the authorization popup. */
export const POPUP_NAME = 'agendo-oauth';
export const POPUP_FEATURES = 'width=520,height=680';

/**
 * Opens the (still empty) authorization popup. Call it synchronously inside the click handler, before
 * any `await`, so popup blockers allow it; point it at the authorization URL once the API gives one.
 * Null when the browser blocked it.
 */
export function openAuthorizationPopup(): Window | null {
  try {
    return window.open('about:blank', POPUP_NAME, POPUP_FEATURES);
  } catch {
    return null;
  }
}

/**
 * The origins whose messages about a connection are believed: the configured calendar server
 * origin(s) and the origin of the `redirect_uri` inside the authorization URL (where the callback
 * page that posts the message lives).
 */
export function allowedMessageOrigins(configured: readonly string[], authorizationUrl?: string): string[] {
  const origins = new Set(configured);
  if (authorizationUrl) {
    try {
      const redirect = new URL(authorizationUrl).searchParams.get('redirect_uri');
      if (redirect) {
        const { origin, protocol } = new URL(redirect);
        if (protocol === 'https:' || protocol === 'http:') origins.add(origin);
      }
    } catch {
      // not a URL: keep the configured origins only
    }
  }
  return [...origins];
}

/** The callback page's message in `data` (the contract's popup message), or null when it is something else. */
export function parseCalendarMessage(data: unknown): CalendarPopupMessage | null {
  const parsed = calendarPopupMessageSchema.safeParse(data);
  return parsed.success ? parsed.data : null;
}

/** Whether `status` is a connection made after `baseline` (a reconnection changes `connected_at`). */
export function isNewConnection(status: ConnectionStatus, baseline: ConnectionStatus | null): boolean {
  if (status.status !== 'connected') return false;
  if (baseline?.status !== 'connected') return true;
  return status.connected_at !== baseline.connected_at || status.email !== baseline.email;
}

/** Why a watch ended. */
export type WatchEnd = 'connected' | 'error' | 'closed' | 'timeout' | 'cancelled';

/** Options of {@link watchCalendarConnection}. */
export interface WatchOptions {
  readonly api: Pick<AdminApi, 'calendarStatus'>;
  readonly customerId: string;
  /** The status before the authorization started. */
  readonly baseline: ConnectionStatus | null;
  /** Only messages from these origins are read. */
  readonly allowedOrigins: readonly string[];
  /** The popup, when there is one: once closed, one last poll and the watch ends. */
  readonly popup?: Window | null;
  readonly intervalMs: number;
  readonly timeoutMs: number;
  /** Past the timeout, polling goes on while this says so (e.g. while a dialog shows the link). */
  readonly keepAlive?: () => boolean;
  /** The calendar got connected; called first with what the message said, then again with the server's status. */
  readonly onConnected: (status: ConnectionStatus) => void;
  /** The callback page reported a failure (`message` is its Spanish title). */
  readonly onError: (reason: string, message: string) => void;
  /** The watch ended; `last` is the last polled status. */
  readonly onEnd: (end: WatchEnd, last: ConnectionStatus | null) => void;
}

/** A running watch. */
export interface CalendarWatch {
  /** Ends the watch (`onEnd('cancelled')`) unless it already ended. */
  stop(): void;
}

/**
 * Waits for a calendar authorization to finish: listens for the callback page's `postMessage`
 * (origin-checked, for this customer) and polls `GET …/calendar` every `intervalMs`. Ends on success,
 * on an error message, when the popup was closed (after one last poll), or after `timeoutMs`.
 */
export function watchCalendarConnection(o: WatchOptions): CalendarWatch {
  const deadline = Date.now() + o.timeoutMs;
  let done = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last: ConnectionStatus | null = o.baseline;

  const finish = (end: WatchEnd) => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    window.removeEventListener('message', onMessage);
    o.onEnd(end, last);
  };

  const refresh = () =>
    o.api.calendarStatus(o.customerId).then(
      (status) => {
        if (status.status === 'connected') o.onConnected(status);
      },
      () => undefined,
    );

  function onMessage(event: MessageEvent) {
    if (done || !o.allowedOrigins.includes(event.origin)) return;
    const message = parseCalendarMessage(event.data);
    if (!message) return;
    const fromOurPopup = !!o.popup && event.source === o.popup;
    if (message.customer_id !== o.customerId && !(message.customer_id === undefined && fromOurPopup)) return;
    if (message.type === 'agendo:calendar-connected') {
      last = {
        customer_id: o.customerId,
        status: 'connected',
        email: message.email,
        scopes: o.baseline?.scopes ?? [],
        connected_at: new Date().toISOString(),
        also_connected_for: message.also_connected_for ?? [],
      };
      o.onConnected(last);
      finish('connected');
      void refresh();
    } else {
      o.onError(message.reason, message.message);
      finish('error');
    }
  }

  const tick = async () => {
    if (done) return;
    const closed = o.popup?.closed === true;
    try {
      const status = await o.api.calendarStatus(o.customerId);
      if (done) return;
      last = status;
      if (isNewConnection(status, o.baseline)) {
        o.onConnected(status);
        finish('connected');
        return;
      }
    } catch (err) {
      if (done) return;
      // The customer is gone or the session ended: nothing left to wait for. Other failures are retried.
      if (err instanceof ApiError && (err.status === 401 || err.status === 404)) {
        finish('cancelled');
        return;
      }
    }
    if (closed) return finish('closed');
    if (Date.now() >= deadline && !o.keepAlive?.()) return finish('timeout');
    timer = setTimeout(tick, o.intervalMs);
  };

  window.addEventListener('message', onMessage);
  timer = setTimeout(tick, o.intervalMs);
  return { stop: () => finish('cancelled') };
}

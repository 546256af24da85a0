import type { Config } from '../config.js';
import type { AccessTokens } from '../tokens/access-tokens.js';
import type { CalendarBackendFactory } from './calendar-backend.js';
import { GoogleCalendarBackendFactory } from './google/google-calendar-backend.js';
import type { RetryPolicy } from './google/google-retry.js';

/** The backend `CALENDAR_BACKEND` names. */
export function createCalendarBackends(
  config: Config,
  deps: { tokens: AccessTokens; retry?: RetryPolicy | undefined; onRequest?: (method: string) => void },
): CalendarBackendFactory {
  switch (config.calendarBackend) {
    case 'google_calendar':
      return new GoogleCalendarBackendFactory({
        tokens: deps.tokens,
        apiBaseUrl: config.google.apiBaseUrl,
        ...(deps.retry ? { retry: deps.retry } : {}),
        ...(deps.onRequest ? { onRequest: deps.onRequest } : {}),
        requestTimeoutMs: config.googleRequestTimeoutMs,
      });
  }
}

/** Error body of Google's OAuth endpoints (`/token`, `/revoke`, `/tokeninfo`...). */
export interface OAuthErrorBody {
  error: string;
  error_description: string;
}

/** One entry of `error.errors` in Google's API errors (e.g. `{domain: "global", reason: "notFound"}`). */
export interface ApiErrorItem {
  domain: string;
  reason: string;
  message: string;
  location?: string;
  locationType?: string;
}

/** Error body of Google's APIs (userinfo, Calendar...). Calendar v3 adds `errors` and often omits `status`. */
export interface ApiErrorBody {
  error: { code: number; message: string; errors?: ApiErrorItem[]; status?: string };
}

/**
 * Which of Google's error shapes an endpoint speaks: `oauth` (`{error, error_description}`), `api`
 * (`{error: {code, message, status}}`) or `calendar` (Calendar v3: `{error: {code, message, errors}}`).
 */
export type ErrorStyle = 'oauth' | 'api' | 'calendar';

const API_STATUSES: Record<number, { status: string; message: string }> = {
  400: { status: 'INVALID_ARGUMENT', message: 'Request contains an invalid argument.' },
  401: { status: 'UNAUTHENTICATED', message: 'Request had invalid authentication credentials.' },
  403: { status: 'PERMISSION_DENIED', message: 'The caller does not have permission.' },
  404: { status: 'NOT_FOUND', message: 'Requested entity was not found.' },
  409: { status: 'ABORTED', message: 'The operation was aborted.' },
  429: { status: 'RESOURCE_EXHAUSTED', message: 'Resource has been exhausted (e.g. check quota).' },
  500: { status: 'INTERNAL', message: 'Internal error encountered.' },
  503: { status: 'UNAVAILABLE', message: 'The service is currently unavailable.' },
  504: { status: 'DEADLINE_EXCEEDED', message: 'The request deadline was exceeded.' },
};

const OAUTH_ERRORS: Record<number, OAuthErrorBody> = {
  400: { error: 'invalid_request', error_description: 'Bad Request' },
  401: { error: 'invalid_client', error_description: 'Unauthorized' },
  403: { error: 'access_denied', error_description: 'Forbidden' },
  429: { error: 'rate_limit_exceeded', error_description: 'Rate Limit Exceeded' },
};

const CALENDAR_ERRORS: Record<number, { reason: string; message: string; domain?: string }> = {
  400: { reason: 'badRequest', message: 'Bad Request' },
  403: { reason: 'forbidden', message: 'Forbidden' },
  404: { reason: 'notFound', message: 'Not Found' },
  409: { reason: 'conflict', message: 'Conflict' },
  410: { reason: 'deleted', message: 'Resource has been deleted' },
  412: { reason: 'conditionNotMet', message: 'Precondition Failed' },
  429: { reason: 'rateLimitExceeded', message: 'Rate Limit Exceeded', domain: 'usageLimits' },
  500: { reason: 'backendError', message: 'Backend Error' },
  503: { reason: 'backendError', message: 'Backend Error' },
};

/** The 401 Google's APIs answer for a missing, unknown, expired or revoked access token. */
export const INVALID_CREDENTIALS: ApiErrorBody = {
  error: {
    code: 401,
    message:
      'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
    errors: [{ message: 'Invalid Credentials', domain: 'global', reason: 'authError', location: 'Authorization', locationType: 'header' }],
    status: 'UNAUTHENTICATED',
  },
};

/** An OAuth-style error body. */
export function oauthError(error: string, description: string): OAuthErrorBody {
  return { error, error_description: description };
}

/** An API-style error body for an HTTP status. */
export function apiError(code: number, message?: string): ApiErrorBody {
  const known = API_STATUSES[code] ?? { status: code >= 500 ? 'INTERNAL' : 'FAILED_PRECONDITION', message: 'Error' };
  return { error: { code, message: message ?? known.message, status: known.status } };
}

/** A Calendar-style error body: one `errors` entry with `reason` (domain `global` unless given). */
export function calendarError(code: number, reason: string, message: string, domain = 'global'): ApiErrorBody {
  return { error: { code, message, errors: [{ domain, reason, message }] } };
}

/** The error body Google would plausibly send for `status` in the given style. */
export function defaultErrorBody(style: ErrorStyle, status: number): OAuthErrorBody | ApiErrorBody {
  if (style === 'api') return apiError(status);
  if (style === 'calendar') {
    if (status === 401) return INVALID_CREDENTIALS;
    const known = CALENDAR_ERRORS[status] ?? (status >= 500 ? CALENDAR_ERRORS[500] : CALENDAR_ERRORS[400]);
    return calendarError(status, known?.reason ?? 'backendError', known?.message ?? 'Backend Error', known?.domain);
  }
  return OAUTH_ERRORS[status] ?? oauthError(status >= 500 ? 'internal_failure' : 'invalid_request', 'Backend Error');
}

/** Error body of Google's OAuth endpoints (`/token`, `/revoke`, `/tokeninfo`...). */
export interface OAuthErrorBody {
  error: string;
  error_description: string;
}

/** Error body of Google's APIs (userinfo, Calendar...). */
export interface ApiErrorBody {
  error: { code: number; message: string; status: string };
}

/** Which of Google's two error shapes an endpoint speaks. */
export type ErrorStyle = 'oauth' | 'api';

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

/** An OAuth-style error body. */
export function oauthError(error: string, description: string): OAuthErrorBody {
  return { error, error_description: description };
}

/** An API-style error body for an HTTP status. */
export function apiError(code: number, message?: string): ApiErrorBody {
  const known = API_STATUSES[code] ?? { status: code >= 500 ? 'INTERNAL' : 'FAILED_PRECONDITION', message: 'Error' };
  return { error: { code, message: message ?? known.message, status: known.status } };
}

/** The error body Google would plausibly send for `status` in the given style. */
export function defaultErrorBody(style: ErrorStyle, status: number): OAuthErrorBody | ApiErrorBody {
  if (style === 'api') return apiError(status);
  return OAUTH_ERRORS[status] ?? oauthError(status >= 500 ? 'internal_failure' : 'invalid_request', 'Backend Error');
}

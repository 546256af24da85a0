import { type ApiErrorBody, calendarError, INVALID_CREDENTIALS } from '../google-errors.js';

/**
 * A Google API error to answer with, thrown by the Calendar code and rendered (status, headers,
 * body) by the Calendar and control plugins' error handlers.
 */
export class GoogleApiError extends Error {
  readonly statusCode: number;
  readonly body: ApiErrorBody;
  readonly headers: Readonly<Record<string, string>>;

  constructor(body: ApiErrorBody, headers: Record<string, string> = {}) {
    super(body.error.message);
    this.name = 'GoogleApiError';
    this.statusCode = body.error.code;
    this.body = body;
    this.headers = headers;
  }

  /** 400 with reason `invalid` (a parameter or field has a bad value). */
  static invalid(message: string): GoogleApiError {
    return new GoogleApiError(calendarError(400, 'invalid', message));
  }

  /** 400 with reason `required` (a parameter or field is missing). */
  static required(message: string): GoogleApiError {
    return new GoogleApiError(calendarError(400, 'required', message));
  }

  /** 400 with reason `badRequest`. */
  static badRequest(message: string): GoogleApiError {
    return new GoogleApiError(calendarError(400, 'badRequest', message));
  }

  /** 400 `timeRangeEmpty`: an end not after its start. */
  static timeRangeEmpty(): GoogleApiError {
    return new GoogleApiError(calendarError(400, 'timeRangeEmpty', 'The specified time range is empty.'));
  }

  /** 401 `authError`, with the `WWW-Authenticate` header Google sends. */
  static invalidCredentials(): GoogleApiError {
    return new GoogleApiError(INVALID_CREDENTIALS, {
      'www-authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"',
    });
  }

  /** 403 `insufficientPermissions`: the token lacks every scope the method accepts. */
  static insufficientScopes(acceptedScopes: readonly string[]): GoogleApiError {
    return new GoogleApiError(
      {
        error: {
          code: 403,
          message: 'Request had insufficient authentication scopes.',
          errors: [{ message: 'Insufficient Permission', domain: 'global', reason: 'insufficientPermissions' }],
          status: 'PERMISSION_DENIED',
        },
      },
      {
        'www-authenticate': `Bearer realm="https://accounts.google.com/", error="insufficient_scope", scope="${acceptedScopes.join(' ')}"`,
      },
    );
  }

  /** 404 `notFound`. */
  static notFound(): GoogleApiError {
    return new GoogleApiError(calendarError(404, 'notFound', 'Not Found'));
  }

  /** 409 `duplicate`: a client-chosen event id that is taken (cancelled events included). */
  static duplicate(): GoogleApiError {
    return new GoogleApiError(calendarError(409, 'duplicate', 'The requested identifier already exists.'));
  }

  /** 410 `deleted`: deleting an event that is already cancelled. */
  static deleted(): GoogleApiError {
    return new GoogleApiError(calendarError(410, 'deleted', 'Resource has been deleted'));
  }
}

import { type OAuthErrorBody, oauthError } from '../google-errors.js';
import type { EmulatorClient } from '../options.js';
import type { RequestParams } from '../request-params.js';

/** Outcome of authenticating the client at the token endpoint. */
export type ClientAuthentication = { ok: true; client: EmulatorClient } | { ok: false; status: 400 | 401; body: OAuthErrorBody };

function parseBasic(authorization: string | undefined): { id: string; secret: string } | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(authorization ?? '');
  if (match?.[1] === undefined) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

/** Authenticates a client by HTTP Basic auth or by `client_id` + `client_secret` parameters, like Google. */
export function authenticateClient(clients: ReadonlyMap<string, EmulatorClient>, authorization: string | undefined, params: RequestParams): ClientAuthentication {
  const basic = parseBasic(authorization);
  const clientId = basic?.id ?? params.get('client_id');
  const secret = basic?.secret ?? params.get('client_secret');
  if (clientId === undefined || clientId === '') {
    return { ok: false, status: 400, body: oauthError('invalid_request', 'Could not determine client ID from request.') };
  }
  const client = clients.get(clientId);
  if (client === undefined) {
    return { ok: false, status: 401, body: oauthError('invalid_client', 'The OAuth client was not found.') };
  }
  if (secret !== client.clientSecret) {
    return { ok: false, status: 401, body: oauthError('invalid_client', 'Unauthorized') };
  }
  return { ok: true, client };
}

import { CodeChallengeMethod, type Credentials, OAuth2Client } from 'google-auth-library';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type EmulatorClient, type RunningEmulator, startEmulator } from '../src/index.js';
import { approveInConsentPage } from './consent-form.js';

export const CLIENT: EmulatorClient = {
  clientId: 'test-client.apps.googleusercontent.com',
  clientSecret: 'test-secret',
  redirectUris: ['http://127.0.0.1:9/oauth/callback', 'http://localhost:9/other-callback'],
};

export const OTHER_CLIENT: EmulatorClient = {
  clientId: 'other-client.apps.googleusercontent.com',
  clientSecret: 'other-secret',
  redirectUris: ['http://127.0.0.1:9/other/callback'],
};

export const CALENDAR_SCOPE = 'https://www.googleapis.com/auth/calendar.events';
export const SCOPES = ['openid', 'email', CALENDAR_SCOPE];
export const USER_EMAIL = 'ana@example.com';

/** A real google-auth-library client pointed at the emulator. */
export function createOAuthClient(url: string, client: EmulatorClient = CLIENT, issuers: string[] = [url]): OAuth2Client {
  return new OAuth2Client({
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    redirectUri: client.redirectUris[0],
    endpoints: {
      oauth2AuthBaseUrl: `${url}/o/oauth2/v2/auth`,
      oauth2TokenUrl: `${url}/token`,
      oauth2RevokeUrl: `${url}/revoke`,
      oauth2FederatedSignonPemCertsUrl: `${url}/oauth2/v1/certs`,
      oauth2FederatedSignonJwkCertsUrl: `${url}/oauth2/v3/certs`,
      tokenInfoUrl: `${url}/tokeninfo`,
    },
    issuers,
  });
}

export interface AuthRequest {
  authUrl: string;
  codeVerifier: string;
  state: string;
}

/** Builds an authorization URL the way a server would: offline access, forced consent, PKCE. */
export async function createAuthRequest(oauth: OAuth2Client, options: { scopes?: string[]; loginHint?: string; accessType?: 'online' | 'offline' } = {}): Promise<AuthRequest> {
  const { codeVerifier, codeChallenge } = await oauth.generateCodeVerifierAsync();
  const state = `state-${Math.random().toString(36).slice(2)}`;
  const authUrl = oauth.generateAuthUrl({
    access_type: options.accessType ?? 'offline',
    prompt: 'consent',
    scope: options.scopes ?? SCOPES,
    state,
    code_challenge: codeChallenge,
    code_challenge_method: CodeChallengeMethod.S256,
    ...(options.loginHint === undefined ? {} : { login_hint: options.loginHint }),
  });
  return { authUrl, codeVerifier, state };
}

/** Calls the control API and returns its JSON. */
export async function control<T = Record<string, unknown>>(url: string, method: string, path: string, body?: object): Promise<T> {
  const response = await fetch(`${url}/__emulator${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** POSTs a form-encoded body and returns the parsed JSON with its status. */
export async function postForm(url: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method: 'POST', body: new URLSearchParams(fields), headers });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}

/** The response data of a rejected google-auth-library call. */
export async function rejectionOf(promise: Promise<unknown>): Promise<{ status: number; data: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    const response = (error as { response?: { status: number; data: Record<string, unknown> } }).response;
    if (response === undefined) throw error;
    return { status: response.status, data: response.data };
  }
  throw new Error('Expected the call to fail');
}

/** Runs the whole browser + code exchange flow for one user and returns the client's credentials. */
export async function connectUser(
  url: string,
  oauth: OAuth2Client,
  options: { email?: string; scopes?: string[]; accessType?: 'online' | 'offline'; uncheck?: string[] } = {},
): Promise<Credentials> {
  const request = await createAuthRequest(oauth, {
    loginHint: options.email ?? USER_EMAIL,
    ...(options.scopes === undefined ? {} : { scopes: options.scopes }),
    ...(options.accessType === undefined ? {} : { accessType: options.accessType }),
  });
  const callback = await approveInConsentPage(url, request.authUrl, options.uncheck === undefined ? {} : { uncheck: options.uncheck });
  const { tokens } = await oauth.getToken({ code: callback.get('code') ?? '', codeVerifier: request.codeVerifier });
  oauth.setCredentials(tokens);
  return tokens;
}

/**
 * One emulator for the whole test file: started before all tests, reset before each, closed after
 * all. `onStart` receives its URL once it listens.
 */
export function useEmulator(onStart: (url: string) => void, clients: EmulatorClient[] = [CLIENT]): void {
  let emulator: RunningEmulator | undefined;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, clients });
    onStart(emulator.url);
  });
  afterAll(async () => emulator?.close());
  beforeEach(async () => {
    if (emulator) await control(emulator.url, 'POST', '/reset');
  });
}

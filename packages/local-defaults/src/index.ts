import defaults from './local-defaults.json' with { type: 'json' };

/**
 * Where each service listens when nothing says otherwise (the seed's http://localhost:5173/clientes
 * and http://localhost:60000/oauth/callback). One JSON file, so that `npm start` (plain JavaScript,
 * run before any build) reads the very same values as the services.
 */
export const DEFAULT_PORTS: {
  readonly calendarServer: number;
  readonly googleEmulator: number;
  readonly assistant: number;
  readonly admin: number;
} = defaults.ports;

/**
 * The OAuth client the Google stand-in registers and the calendar server uses in demo mode (no
 * GOOGLE_OAUTH_CLIENT_ID/SECRET): not a secret, it only ever talks to the local stand-in.
 */
export const DEMO_OAUTH_CLIENT: { readonly clientId: string; readonly clientSecret: string } = defaults.demoOAuthClient;

/** `http://localhost:<port>`: the default address of a local service. */
export function localUrl(port: number): string {
  return `http://localhost:${port}`;
}

import { DEFAULT_PORTS } from '@agendo/local-defaults';
/** An OAuth client registered in the emulator (like one created in Google Cloud Console). */
export interface EmulatorClient {
  clientId: string;
  clientSecret: string;
  /** Exact redirect URIs accepted for this client. */
  redirectUris: string[];
}

/** How to build or start an emulator. */
export interface EmulatorOptions {
  clients: EmulatorClient[];
  /** Interface to listen on; defaults to {@link DEFAULT_EMULATOR_HOST}. */
  host?: string;
  /** Port to listen on; defaults to {@link DEFAULT_EMULATOR_PORT}; 0 picks a free one. */
  port?: number;
  /** Enables Fastify's request logging. */
  logger?: boolean;
  /**
   * Keep the state (signing key, grants, tokens, calendars, events) in this JSON file, so that it
   * survives a restart: read at start, rewritten atomically (mode 0600, folder 0700) shortly after
   * each change and on close. Absent (tests, by default): in memory only, nothing written.
   */
  stateFile?: string;
}

/** Default listening interface. */
export const DEFAULT_EMULATOR_HOST = '127.0.0.1';

/** Default listening port. */
export const DEFAULT_EMULATOR_PORT = DEFAULT_PORTS.googleEmulator;

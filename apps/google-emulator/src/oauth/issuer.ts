import type { FastifyRequest } from 'fastify';

/**
 * The emulator's base URL as the caller reached it (e.g. `http://127.0.0.1:60080`), used as the
 * ID token `iss`: clients configure `issuers: [emulatorUrl]` with the same URL they call.
 */
export function issuerOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

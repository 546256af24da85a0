import { fastifyFormbody } from '@fastify/formbody';
import { type FastifyInstance, fastify } from 'fastify';
import { calendarApiPlugin } from './calendar/plugins/calendar-api.js';
import { instrumentation } from './control/instrumentation.js';
import { controlPlugin } from './control/plugins/control.js';
import { authorizePlugin } from './oauth/plugins/authorize.js';
import { certsPlugin } from './oauth/plugins/certs.js';
import { consentPlugin } from './oauth/plugins/consent.js';
import { revokePlugin } from './oauth/plugins/revoke.js';
import { tokenPlugin } from './oauth/plugins/token.js';
import { tokeninfoPlugin } from './oauth/plugins/tokeninfo.js';
import { userinfoPlugin } from './oauth/plugins/userinfo.js';
import type { EmulatorOptions } from './options.js';
import { openPersistentState } from './state/persistent-state.js';
import { stateFilePlugin } from './state/plugins/state-file.js';
import { EmulatorState } from './state/state.js';

/**
 * Builds the emulator's Fastify app (not listening), composing one plugin per feature. With
 * `stateFile`, the state is read from that file now (throwing a `StateFileError` if it is corrupt)
 * and written back after changes; closing the app writes what is pending.
 */
export function buildEmulator(options: EmulatorOptions): FastifyInstance {
  const persistent = options.stateFile === undefined ? undefined : openPersistentState(options.clients, options.stateFile);
  const state = persistent?.state ?? new EmulatorState(options.clients);
  // Without removeAdditional, `additionalProperties: false` rejects unknown fields instead of dropping them.
  // Closing cuts every connection, held requests (latency faults) included: a stand-in that waits for a
  // request it was told to stall, or for a client's keep-alive socket, only makes tests hang at the end.
  const app = fastify({ logger: options.logger ?? false, ajv: { customOptions: { removeAdditional: false } }, forceCloseConnections: true });

  if (options.logger === true) state.channels.logTo((line) => app.log.warn(line));
  // Deliveries in flight and their retries are abandoned as the app closes.
  app.addHook('onClose', async () => state.channels.close());
  app.register(fastifyFormbody);
  app.register(instrumentation, { state });
  app.register(authorizePlugin, { state });
  app.register(consentPlugin, { state });
  app.register(tokenPlugin, { state });
  app.register(revokePlugin, { state });
  app.register(certsPlugin, { state });
  app.register(userinfoPlugin, { state });
  app.register(tokeninfoPlugin, { state });
  app.register(calendarApiPlugin, { state, prefix: '/calendar/v3' });
  app.register(controlPlugin, { state, prefix: '/__emulator' });
  if (persistent !== undefined) {
    app.register(stateFilePlugin, { file: persistent.file, prefix: '/__emulator' });
    // onClose runs once the server has stopped taking requests and finished the ones in flight.
    app.addHook('onClose', async () => persistent.close());
  }
  return app;
}

import { fastifyFormbody } from '@fastify/formbody';
import { fastify, type FastifyInstance } from 'fastify';
import { instrumentation } from './instrumentation.js';
import type { EmulatorOptions } from './options.js';
import { authorizePlugin } from './plugins/authorize.js';
import { calendarApiPlugin } from './plugins/calendar-api.js';
import { certsPlugin } from './plugins/certs.js';
import { consentPlugin } from './plugins/consent.js';
import { controlPlugin } from './plugins/control.js';
import { revokePlugin } from './plugins/revoke.js';
import { tokenPlugin } from './plugins/token.js';
import { tokeninfoPlugin } from './plugins/tokeninfo.js';
import { userinfoPlugin } from './plugins/userinfo.js';
import { EmulatorState } from './state.js';

/** Builds the emulator's Fastify app (not listening), composing one plugin per feature. */
export function buildEmulator(options: EmulatorOptions): FastifyInstance {
  const state = new EmulatorState(options.clients);
  // Without removeAdditional, `additionalProperties: false` rejects unknown fields instead of dropping them.
  const app = fastify({ logger: options.logger ?? false, ajv: { customOptions: { removeAdditional: false } } });

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
  return app;
}

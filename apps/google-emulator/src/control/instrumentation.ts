import { setTimeout as delay } from 'node:timers/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { fastifyPlugin } from 'fastify-plugin';
import { defaultErrorBody, type ErrorStyle } from '../google-errors.js';
import type { EmulatorPluginOptions } from '../state/state.js';
import type { Fault } from './fault-queue.js';

/** Splits an endpoint into named variants, counted and faultable as `<endpoint>.<variant>`. */
export interface EndpointVariants {
  /** Every variant name, so that counts list them even at zero. */
  names: readonly string[];
  /** The variant of a request (read after body parsing); ignored unless listed in `names`. */
  of: (request: FastifyRequest) => string | undefined;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Endpoint name under which the route's requests are counted and faults are injected. */
    endpoint?: string;
    endpointVariants?: EndpointVariants;
    /** Shape of the default body of injected error responses; defaults to `api`. */
    errorStyle?: ErrorStyle;
  }
}

function endpointNamesOf(request: FastifyRequest): string[] {
  const { endpoint, endpointVariants } = request.routeOptions.config;
  if (endpoint === undefined) return [];
  const variant = endpointVariants?.of(request);
  return variant !== undefined && endpointVariants?.names.includes(variant) ? [endpoint, `${endpoint}.${variant}`] : [endpoint];
}

function faultBody(fault: Fault, request: FastifyRequest, status: number): object {
  return fault.body ?? defaultErrorBody(request.routeOptions.config.errorStyle ?? 'api', status);
}

/** Faults of mode `after` waiting for their request's response, to replace it. */
const lostResponses = new WeakMap<FastifyRequest, Fault & { status: number }>();

async function applyFault(fault: Fault, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
  if (fault.latencyMs !== undefined && fault.latencyMs > 0) await delay(fault.latencyMs);
  if (fault.status === undefined) return undefined;
  if (fault.mode === 'after') {
    lostResponses.set(request, { ...fault, status: fault.status });
    return undefined;
  }
  if (fault.retryAfter !== undefined) reply.header('retry-after', String(fault.retryAfter));
  request.log.info({ fault }, 'injected fault');
  return reply.code(fault.status).send(faultBody(fault, request, fault.status));
}

/**
 * Counts requests and injects faults for every route that declares `config.endpoint`, including
 * routes of plugins registered later (it is not encapsulated). Faults of mode `after` let the
 * handler run and swap its response for the fault's in `onSend`.
 */
export const instrumentation = fastifyPlugin<EmulatorPluginOptions>(
  async (app, { state }) => {
    app.addHook('onRoute', (route) => {
      const endpoint = route.config?.endpoint;
      if (endpoint === undefined) return;
      state.counts.register(endpoint);
      for (const variant of route.config?.endpointVariants?.names ?? []) state.counts.register(`${endpoint}.${variant}`);
    });

    app.addHook('preHandler', async (request, reply) => {
      const names = endpointNamesOf(request);
      if (names.length === 0) return;
      for (const name of names) state.counts.increment(name);
      const fault = state.faults.take(names);
      if (fault !== undefined) return applyFault(fault, request, reply);
      return undefined;
    });

    app.addHook('onSend', async (request, reply, payload) => {
      const fault = lostResponses.get(request);
      if (fault === undefined) return payload;
      lostResponses.delete(request);
      request.log.info({ fault, handledStatus: reply.statusCode }, 'injected fault after handling');
      reply.code(fault.status).header('content-type', 'application/json; charset=utf-8');
      if (fault.retryAfter !== undefined) reply.header('retry-after', String(fault.retryAfter));
      return JSON.stringify(faultBody(fault, request, fault.status));
    });
  },
  { name: 'google-emulator-instrumentation' },
);

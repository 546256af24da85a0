import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { AccessTokenStats } from '../tokens/access-tokens.js';

/** The server's Prometheus metrics, in their own registry (no global state, several apps per process in tests). */
export class Metrics {
  readonly registry = new Registry();
  readonly googleRequests = new Counter({
    name: 'agendo_google_requests_total',
    help: 'HTTP requests sent to the Google Calendar API, by method',
    labelNames: ['method'] as const,
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: 'agendo_http_request_duration_seconds',
    help: 'Time to answer HTTP requests, by route and status',
    labelNames: ['route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  constructor(tokenStats: AccessTokenStats) {
    collectDefaultMetrics({ register: this.registry, prefix: 'agendo_' });
    new Gauge({
      name: 'agendo_token_refreshes_total',
      help: 'Access token refreshes performed',
      registers: [this.registry],
      collect() {
        this.set(tokenStats.refreshes);
      },
    });
    new Gauge({
      name: 'agendo_token_refresh_failures_total',
      help: 'Access token refreshes that failed',
      registers: [this.registry],
      collect() {
        this.set(tokenStats.refreshFailures);
      },
    });
  }
}

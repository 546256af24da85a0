import type { TestProject } from 'vitest/node';
import { startPostgresCluster } from '../packages/database/src/postgres-test-cluster.js';

/**
 * Vitest global setup: one throwaway PostgreSQL cluster for the whole run (initdb + pg_ctl in a temp
 * folder, a free port), whose admin URL reaches the tests as `AGENDO_TEST_POSTGRES_URL`; each test
 * harness creates its own database in it. Where PostgreSQL is not installed the variable stays unset
 * and the PostgreSQL variants of the tests say they are skipped (`.ci/run` installs it, so CI always runs them).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.AGENDO_TEST_POSTGRES === 'off') return async () => undefined;
  const cluster = await startPostgresCluster({ onUnavailable: (reason) => console.warn(`PostgreSQL tests skipped: ${reason}`) });
  if (!cluster) return async () => undefined;
  process.env.AGENDO_TEST_POSTGRES_URL = cluster.adminUrl;
  project.provide('postgresUrl', cluster.adminUrl);
  return () => cluster.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

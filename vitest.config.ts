import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';
import { findPostgresBinaries } from './packages/database/src/postgres-test-cluster.js';
import { TestSummaryReporter } from './scripts/test-summary-reporter.js';

/**
 * Workspace packages export their TypeScript sources under the `@agendo/source` condition and their
 * build (`dist/`) otherwise: tests always run the sources, never a stale build.
 */
const SOURCE_CONDITION = '@agendo/source';

/**
 * The storage and service tests run a second time on PostgreSQL (project `postgres`): their harnesses
 * read `AGENDO_TEST_DATABASE=postgres` and give each service a fresh database in the run's cluster.
 * Defined only where PostgreSQL is installed (`.ci/run` installs it, so CI always runs both).
 */
const POSTGRES_SUITES = ['apps/calendar-server/test/**/*.test.ts', 'apps/assistant/test/**/*.test.ts'];
/** Tests of things that do not touch a service database: nothing to learn from running them twice. */
const NOT_DATABASE_TESTS = ['apps/assistant/test/understanding/**', 'apps/assistant/test/llm/llm-model.test.ts'];

const shared = {
  globalSetup: ['./scripts/postgres-global-setup.ts'],
  testTimeout: 30_000,
  hookTimeout: 30_000,
};

export default defineConfig({
  resolve: { conditions: [SOURCE_CONDITION, ...defaultClientConditions] },
  ssr: { resolve: { conditions: [SOURCE_CONDITION, ...defaultServerConditions], externalConditions: [SOURCE_CONDITION] } },
  test: {
    reporters: ['default', new TestSummaryReporter()],
    projects: [
      {
        extends: true,
        test: { name: 'sqlite', include: ['test/**/*.test.ts', 'apps/*/test/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'packages/*/src/**/*.test.ts'], ...shared },
      },
      ...(findPostgresBinaries()
        ? [{ extends: true, test: { name: 'postgres', include: POSTGRES_SUITES, exclude: NOT_DATABASE_TESTS, env: { AGENDO_TEST_DATABASE: 'postgres' }, ...shared } }]
        : []),
    ],
  },
});

import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';
import { TestSummaryReporter } from './scripts/test-summary-reporter.js';

/**
 * Workspace packages export their TypeScript sources under the `@agendo/source` condition and their
 * build (`dist/`) otherwise: tests always run the sources, never a stale build.
 */
const SOURCE_CONDITION = '@agendo/source';

export default defineConfig({
  resolve: { conditions: [SOURCE_CONDITION, ...defaultClientConditions] },
  ssr: { resolve: { conditions: [SOURCE_CONDITION, ...defaultServerConditions], externalConditions: [SOURCE_CONDITION] } },
  test: {
    include: ['test/**/*.test.ts', 'apps/*/test/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'packages/*/src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    reporters: ['default', new TestSummaryReporter()],
  },
});

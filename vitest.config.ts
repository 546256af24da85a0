import { defineConfig } from 'vitest/config';
import { TestSummaryReporter } from './scripts/test-summary-reporter.js';

export default defineConfig({
  test: {
    include: ['apps/*/test/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'packages/*/src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    reporters: ['default', new TestSummaryReporter()],
  },
});

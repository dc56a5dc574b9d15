import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two forks even on a 2-core machine: many files wait on I/O and worker start-up, so the unit
    // run takes ~30 % less wall time (measured 602 → 424 s here) than with one.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});

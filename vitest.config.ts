import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Two cores: the long determinism and CLI tests run in parallel files, not threads inside a file.
    fileParallelism: true,
    maxWorkers: 2,
  },
});

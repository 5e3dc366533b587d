import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Engine tests share one Docker engine and 2 cores: run files one at a time, tests inside in order.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 1_200_000,
    globalSetup: ['test/global-setup.ts'],
    reporters: ['default'],
  },
});

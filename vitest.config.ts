import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    globalSetup: ['test/globalSetup.ts'],
    setupFiles: ['test/setupEnv.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration tests share one lab; running files one at a time keeps
    // host-stop/start tests from disturbing the others on a 2-core machine.
    fileParallelism: false,
  },
});

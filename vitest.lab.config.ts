import { defineConfig } from 'vitest/config';
import { shellText } from './vitest.shared';

/**
 * The lab tier (`npm run test:lab`): integration and end-to-end tests against
 * real daemons on loopback, which test/globalSetup.ts brings up (root).
 */
export default defineConfig({
  plugins: [shellText],
  test: {
    include: ['test/**/*.int.test.{ts,tsx}', 'test/e2e/**/*.test.{ts,tsx}'],
    globalSetup: ['test/globalSetup.ts', 'test/globalTmpDir.ts'],
    setupFiles: ['test/setupEnv.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // One lab for every file; files run one at a time so that tests which
    // stop and start its daemons do not disturb the others on a 2-core machine.
    fileParallelism: false,
  },
});

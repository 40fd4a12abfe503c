import { defineConfig } from 'vitest/config';
import { shellText } from './vitest.shared';

/**
 * The unit and component tier (`npm test`): pure logic and screens, no root,
 * no lab, no network. Integration and end-to-end tests (`*.int.test.*`,
 * test/e2e) run against the lab with vitest.lab.config.ts.
 */
export default defineConfig({
  plugins: [shellText],
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    exclude: ['test/**/*.int.test.{ts,tsx}', 'test/e2e/**', 'node_modules/**'],
    setupFiles: ['test/setupEnv.ts'],
    testTimeout: 30_000,
  },
});

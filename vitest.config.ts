import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { shellText } from './vitest.shared';

const UNIT = ['test/**/*.test.{ts,tsx}'];
const NOT_UNIT = ['test/**/*.int.test.{ts,tsx}', 'test/e2e/**', 'node_modules/**'];

/**
 * The unit and component tier (`npm test`): pure logic and screens, no root,
 * no lab, no network. Integration and end-to-end tests (`*.int.test.*`,
 * test/e2e) run against the lab with vitest.lab.config.ts.
 *
 * Test files share a worker's modules (isolate: false): importing Ink, React
 * and the screens once per worker instead of once per file is most of what a
 * run costs. Each file builds its own stores and renders and gives back what
 * it changes (timers, environment, Ink's colour level), so nothing else
 * carries over; one worker thread per core.
 */
export default defineConfig({
  plugins: [shellText],
  test: {
    name: 'unit',
    include: UNIT,
    exclude: NOT_UNIT,
    setupFiles: ['test/setupEnv.ts'],
    globalSetup: ['test/globalTmpDir.ts'],
    testTimeout: 30_000,
    pool: 'threads',
    isolate: false,
    maxWorkers: Math.max(1, availableParallelism()),
  },
});

import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { shellText } from './vitest.shared';

const UNIT = ['test/**/*.test.{ts,tsx}'];
const NOT_UNIT = ['test/**/*.int.test.{ts,tsx}', 'test/e2e/**', 'node_modules/**'];
// They decide chalk's colour level before anything imports Ink: they need a module graph apart from the others'.
const OWN_MODULES = ['test/screens/App.color.test.tsx', 'test/screens/overviewFirstFrame.test.tsx', 'test/patches/inkOutput.test.tsx'];

/**
 * The unit and component tier (`npm test`): pure logic and screens, no root,
 * no lab, no network. Integration and end-to-end tests (`*.int.test.*`,
 * test/e2e) run against the lab with vitest.lab.config.ts.
 *
 * Test files share a worker's modules (isolate: false): importing Ink, React
 * and the screens once per worker instead of once per file is most of what a
 * run costs. Each file builds its own stores and renders, so nothing else
 * carries over; one worker thread per core.
 */
export default defineConfig({
  plugins: [shellText],
  test: {
    setupFiles: ['test/setupEnv.ts'],
    globalSetup: ['test/globalTmpDir.ts'],
    testTimeout: 30_000,
    pool: 'threads',
    maxWorkers: Math.max(1, availableParallelism()),
    projects: [
      // The two files that force colours share one worker, which imports the app
      // once for both; they run first, while `npm test`'s other parts keep the
      // second core busy, then the rest on a worker per core.
      { extends: true, test: { name: 'unit', include: UNIT, exclude: [...NOT_UNIT, ...OWN_MODULES], isolate: false, sequence: { groupOrder: 1 } } },
      {
        extends: true,
        test: { name: 'unit-isolated', include: OWN_MODULES, exclude: NOT_UNIT, isolate: false, maxWorkers: 1, sequence: { groupOrder: 0 } },
      },
    ],
  },
});

import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll } from 'vitest';

/**
 * The chalk instance Ink draws with (Ink's own dependency, resolved from
 * Ink). chalk reads its colour level from the environment once, when it loads,
 * and a test's stdout is no terminal: level 0, no colours. A test that checks
 * colours sets the level for its file and gives the old one back after, so
 * that it shares its worker's modules with every other test file.
 */
const fromInk = createRequire(createRequire(import.meta.url).resolve('ink'));
const chalk = ((await import(pathToFileURL(fromInk.resolve('chalk')).href)) as { default: { level: number } }).default;

/** Ink draws with the basic 16 colours (FORCE_COLOR=1's level) while this file's tests run. */
export function inkColoursInThisFile(): void {
  let before = 0;
  beforeAll(() => {
    before = chalk.level;
    chalk.level = 1;
  });
  afterAll(() => {
    chalk.level = before;
  });
}

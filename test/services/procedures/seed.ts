/**
 * The operations team's library as the tests read it: a fixture inside the
 * repository, a verbatim copy of the team's document.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinLibraryFiles, libraryFromTexts, loadLibrary } from '../../../src/services/procedures/loadLibrary';
import type { CodeBlock, Command, Library, Procedure } from '../../../src/services/procedures/model';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const SEED = resolve(REPO, 'test/fixtures/procedures/ops-procedures-library.md');

export function seedText(): string {
  return readFileSync(SEED, 'utf8');
}

/** The seed parsed afresh. */
export function parseSeed(): Library {
  return libraryFromTexts([{ file: SEED, text: seedText() }]);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

let parsedSeed: Library | undefined;

/**
 * The seed parsed once per worker and shared by the files that read it
 * (parsing it takes a third of a second). It is frozen: a test that changes it
 * fails where it writes instead of changing what other tests read.
 */
export function seedLibrary(): Library {
  parsedSeed ??= deepFreeze(parseSeed());
  return parsedSeed;
}

export function builtinLibrary(): Library {
  return loadLibrary(builtinLibraryFiles(resolve(REPO, 'procedures')));
}

export function commandsOf(p: Procedure): Command[] {
  return p.steps.flatMap((s) => s.blocks.filter((b): b is CodeBlock => b.kind !== 'manual').flatMap((b) => b.commands));
}

export function byId(lib: Library, id: string): Procedure {
  const p = lib.procedures.find((x) => x.id === id);
  if (!p) throw new Error(`no ${id}`);
  return p;
}

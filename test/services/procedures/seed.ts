/**
 * The operations team's library, read AS IT IS from shared/ beside the
 * repository (CI lays a copy of shared/ next to its clone). Missing → the
 * tests fail saying where it was expected; they are never skipped.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinLibraryFiles, libraryFromTexts, loadLibrary } from '../../../src/services/procedures/loadLibrary';
import type { CodeBlock, Command, Library, Procedure } from '../../../src/services/procedures/model';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const SEED = resolve(REPO, '../shared/seed/ops-procedures-library.md');

export function seedText(): string {
  if (!existsSync(SEED)) {
    throw new Error(`the operations library is missing: expected ${SEED} (../shared/seed/ops-procedures-library.md beside the repository root)`);
  }
  return readFileSync(SEED, 'utf8');
}

export function seedLibrary(): Library {
  return libraryFromTexts([{ file: SEED, text: seedText() }]);
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

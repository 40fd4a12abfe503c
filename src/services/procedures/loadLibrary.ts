/**
 * Which library files riskctl reads, and reading them. The built-in library
 * (`procedures/*.md` at the repository root) ships beside the bundle:
 * dist/riskctl.mjs finds it at ../procedures/. A config's `procedures:`
 * files come after it, and a later file's procedure replaces an earlier one
 * with the same ID (the team's newer text wins), with a note saying so.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { homedir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { LibraryError } from './LibraryError';
import { resolveLinks } from './links';
import type { Library, Procedure } from './model';
import { parseLibrary } from './parseLibrary';

/** The built-in library's folder: next to the bundle (dist/ → ../procedures) or the source tree. */
export function builtinLibraryDir(moduleUrl: string = import.meta.url): string {
  const here = dirname(fileURLToPath(moduleUrl));
  const candidates = [resolve(here, '../procedures'), resolve(here, '../../../procedures')];
  for (const c of candidates) {
    try {
      if (readdirSync(c).some((f) => f.endsWith('.md'))) return c;
    } catch {
      /* not this one */
    }
  }
  throw new LibraryError(candidates[0]!, null, 'the built-in procedures library is missing (expected procedures/*.md beside the riskctl bundle)');
}

export function builtinLibraryFiles(dir = builtinLibraryDir()): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => join(dir, f));
}

/** Config `procedures:` paths: `~` expanded, relative ones against the config file's folder. */
export function configLibraryFiles(paths: string[], configFile: string | null, home = homedir()): string[] {
  const base = configFile ? dirname(resolve(configFile)) : process.cwd();
  return paths.map((p) => {
    const e = p === '~' ? home : p.startsWith('~/') ? join(home, p.slice(2)) : p;
    return isAbsolute(e) ? e : resolve(base, e);
  });
}

function readText(file: string): string {
  let st;
  try {
    st = statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new LibraryError(file, null, code === 'ENOENT' ? 'no such file' : `cannot read (${code ?? String(e)})`);
  }
  if (st.isDirectory()) throw new LibraryError(file, null, 'is a folder, not a Markdown file');
  if (st.size > 8 * 1024 * 1024) throw new LibraryError(file, null, 'is larger than 8 MiB: not a procedures library');
  return readFileSync(file, 'utf8');
}

/** Builds a library from (file, text) pairs, in order; pure apart from hashing. */
export function libraryFromTexts(texts: Array<{ file: string; text: string }>): Library {
  const byId = new Map<string, Procedure>();
  const notes: string[] = [];
  for (const { file, text } of texts) {
    for (const p of parseLibrary(text, file)) {
      const prev = byId.get(p.id);
      if (prev) {
        notes.push(`${p.id} from ${p.source.file}:${p.source.line} replaces the one at ${prev.source.file}:${prev.source.line}`);
      }
      byId.set(p.id, p);
    }
  }
  const procedures = [...byId.values()];
  resolveLinks(procedures);
  return { files: texts.map((t) => t.file), procedures, notes };
}

export function loadLibrary(files: string[]): Library {
  if (files.length === 0) throw new LibraryError('(procedures)', null, 'no library files to read');
  return libraryFromTexts(files.map((file) => ({ file, text: readText(file) })));
}

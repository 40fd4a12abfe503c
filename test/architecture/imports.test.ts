// The import graph of src/: imports point down the four layers
// (app → screens → services → hosts), and neither files nor the folders of a
// layer import each other in a loop.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findCycles, importGraph, LAYERS, layerOf } from './importGraph';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

const files = Object.fromEntries(sourceFiles(SRC).map((f) => [relative(SRC, f), readFileSync(f, 'utf8')]));
const graph = importGraph(files);

describe('the import graph of src/', () => {
  it('reads every relative import (static, dynamic and type-only)', () => {
    expect(Object.keys(graph).length).toBeGreaterThan(100);
    expect(graph['app/main.ts']!.length).toBeGreaterThan(0);
  });

  it('points down the layers only', () => {
    const upward = Object.entries(graph).flatMap(([from, tos]) =>
      tos.filter((to) => LAYERS.indexOf(layerOf(to)) < LAYERS.indexOf(layerOf(from))).map((to) => `${from} → ${to}`),
    );
    expect(upward).toEqual([]);
  });

  it('has no cycle between files', () => {
    expect(findCycles(graph)).toEqual([]);
  });

  // A folder and its own sub-folders are one part (services/types.ts is read
  // by services/docker, and services/Monitor.ts drives it); sibling folders
  // are separate parts and must not lean on each other both ways.
  const nested = (a: string, b: string) => a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);

  it('has no cycle between folders', () => {
    const folders: Record<string, string[]> = {};
    for (const [from, tos] of Object.entries(graph)) {
      const f = dirname(from);
      folders[f] ??= [];
      for (const to of tos.map(dirname)) if (!nested(f, to) && !folders[f].includes(to)) folders[f].push(to);
    }
    const loops = findCycles(folders);
    expect(loops).toEqual([]);
  });
});

describe('findCycles', () => {
  it.each([
    [{ a: ['b'], b: [] }, []],
    [{ a: ['b'], b: ['a'] }, [['a', 'b']]],
    [{ a: ['b'], b: ['c'], c: ['a'], d: ['a'] }, [['a', 'b', 'c']]],
    [{ a: ['a'] }, []],
  ])('%j → %j', (g, want) => {
    expect(findCycles(g as Record<string, string[]>)).toEqual(want);
  });
});

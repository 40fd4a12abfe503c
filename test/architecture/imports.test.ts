// The import graph of src/: imports point down the four layers
// (app → screens → services → hosts), and neither files nor the folders of a
// layer import each other in a loop. And src/ reaches no dependency's
// private members.
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

describe('dependencies through their public API', () => {
  // A private member (ssh2's _resetKA, a stream's _readableState) is reached by
  // a property access or a cast to a type that names it; src/ has neither.
  const privateReach = /(?<![\w$])(?:[A-Za-z$][\w$]*|\)|\])\s*\??\.\s*_[A-Za-z]|\bas\s+(?:unknown\s+as\s+)?\{[^{}]*\b_[A-Za-z]\w*\??\s*:/;

  it.each([
    ['(c as unknown as { _resetKA?: () => void })._resetKA', true],
    ['stream._readableState.length', true],
    ['client?._sock', true],
    ['const total_usage = s.cpu_stats?.cpu_usage?.total_usage', false],
    ['const { _unused } = props', false],
  ])('the check sees %s: %s', (line, seen) => {
    expect(privateReach.test(line)).toBe(seen);
  });

  it('reaches no private member of a dependency', () => {
    const found = Object.entries(files).flatMap(([f, text]) =>
      text
        .split('\n')
        .map((line, i) => ({ line, at: `${f}:${i + 1}` }))
        .filter(({ line }) => !/^\s*(\/\/|\*)/.test(line) && privateReach.test(line))
        .map(({ line, at }) => `${at}: ${line.trim()}`),
    );
    expect(found).toEqual([]);
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

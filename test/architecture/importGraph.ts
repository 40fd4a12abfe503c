/** Relative imports of each source file, resolved to paths under src/. */
import { dirname, join, normalize } from 'node:path';

export const LAYERS: readonly string[] = ['app', 'screens', 'services', 'hosts'];

export function layerOf(path: string): string {
  return path.split('/')[0]!;
}

const IMPORT = /(?:^|[^\w.])(?:import|export)\s[^'"]*?from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

export function importGraph(files: Record<string, string>): Record<string, string[]> {
  const known = new Set(Object.keys(files));
  const resolveImport = (from: string, spec: string): string | null => {
    const base = normalize(join(dirname(from), spec)).replace(/\.js$/, '');
    for (const c of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`]) if (known.has(c)) return c;
    return null;
  };
  const graph: Record<string, string[]> = {};
  for (const [file, text] of Object.entries(files)) {
    const tos = new Set<string>();
    for (const m of text.matchAll(IMPORT)) {
      const to = resolveImport(file, (m[1] ?? m[2])!);
      if (to && to !== file) tos.add(to);
    }
    graph[file] = [...tos].sort();
  }
  return graph;
}

/** Strongly connected components of more than one node, each sorted, in order of their first node. */
export function findCycles(graph: Record<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph[v] ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) out.push(scc.sort());
    }
  };
  for (const v of Object.keys(graph).sort()) if (!idx.has(v)) visit(v);
  return out.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

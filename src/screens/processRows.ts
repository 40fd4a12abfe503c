/**
 * The processes screen's list: filtered, sorted, and in tree view each
 * process under its parent (siblings in the chosen order). Pure.
 */
import type { ProcessInfo } from '../services/processes/ProcessInfo';
import type { ProcSort } from './processesUi';

export interface ProcessRow {
  process: ProcessInfo;
  /** Nesting in tree view (0 at the roots); always 0 in the flat list. */
  depth: number;
}

/** Highest first for figures (CPU, memory, elapsed); PID and user ascending. Ties by PID. */
function compare(sort: ProcSort): (a: ProcessInfo, b: ProcessInfo) => number {
  const key: Record<ProcSort, (a: ProcessInfo, b: ProcessInfo) => number> = {
    cpu: (a, b) => b.cpuPercent - a.cpuPercent,
    memory: (a, b) => b.rssBytes - a.rssBytes,
    time: (a, b) => b.elapsedSeconds - a.elapsedSeconds,
    user: (a, b) => (a.user < b.user ? -1 : a.user > b.user ? 1 : 0),
    pid: () => 0,
  };
  const k = key[sort];
  return (a, b) => k(a, b) || a.pid - b.pid;
}

/** A process matches when the filter (case-insensitive) is in its PID, user or command line. */
export function matchesProcess(p: ProcessInfo, filter: string): boolean {
  if (filter === '') return true;
  const f = filter.toLowerCase();
  return String(p.pid) === filter || p.user.toLowerCase().includes(f) || p.command.toLowerCase().includes(f);
}

export function processRows(processes: readonly ProcessInfo[], opts: { sort: ProcSort; filter: string; tree: boolean }): ProcessRow[] {
  const cmp = compare(opts.sort);
  const shown = processes.filter((p) => matchesProcess(p, opts.filter));
  if (!opts.tree) return [...shown].sort(cmp).map((process) => ({ process, depth: 0 }));
  // A process whose parent is not shown (filtered out, or PID 0/ended) is a root.
  const pids = new Set(shown.map((p) => p.pid));
  const children = new Map<number, ProcessInfo[]>();
  const roots: ProcessInfo[] = [];
  for (const p of shown) {
    if (p.ppid !== p.pid && pids.has(p.ppid)) {
      const list = children.get(p.ppid) ?? [];
      list.push(p);
      children.set(p.ppid, list);
    } else roots.push(p);
  }
  const out: ProcessRow[] = [];
  const seen = new Set<number>();
  const walk = (p: ProcessInfo, depth: number) => {
    if (seen.has(p.pid)) return;
    seen.add(p.pid);
    out.push({ process: p, depth });
    for (const c of (children.get(p.pid) ?? []).sort(cmp)) walk(c, depth + 1);
  };
  for (const r of roots.sort(cmp)) walk(r, 0);
  return out;
}

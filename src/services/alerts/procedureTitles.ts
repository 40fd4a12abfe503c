/**
 * Procedure IDs → title and purpose, read from the library files named in the
 * config (`procedures:`), so an alert's linked procedure shows its name. Only
 * the headings (`### ID: Title`) and `**Purpose:**` lines are read; the full
 * parser and runner are the procedures feature's.
 */
import { readFileSync } from 'node:fs';

export interface ProcedureTitle {
  title: string;
  purpose?: string;
}

export function parseProcedureTitles(markdown: string): Map<string, ProcedureTitle> {
  const out = new Map<string, ProcedureTitle>();
  let cur: ProcedureTitle | null = null;
  for (const line of markdown.split('\n')) {
    const h = /^#{2,4}\s+([A-Z]{2,4}-\d{3}):\s*(.+?)\s*$/.exec(line);
    if (h) {
      cur = { title: h[2]! };
      out.set(h[1]!, cur);
      continue;
    }
    const p = /^\*\*Purpose:\*\*\s*(.+?)\s*$/.exec(line);
    if (p && cur && cur.purpose === undefined) cur.purpose = p[1]!;
  }
  return out;
}

/** Every readable file's procedures; an unreadable file is skipped (the ID alone still shows). */
export function loadProcedureTitles(files: readonly string[]): Map<string, ProcedureTitle> {
  const all = new Map<string, ProcedureTitle>();
  for (const f of files) {
    try {
      for (const [id, t] of parseProcedureTitles(readFileSync(f, 'utf8'))) if (!all.has(id)) all.set(id, t);
    } catch {
      // The procedures screen reports unreadable libraries; here a title is a nicety.
    }
  }
  return all;
}

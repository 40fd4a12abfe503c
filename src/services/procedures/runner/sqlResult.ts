/**
 * A SQL result as the runner shows it (a plain text table) and as evidence
 * (CSV, RFC 4180). Pure: the runner does the querying and the writing.
 */
export type Row = Record<string, unknown>;

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

export function resultTable(rows: Row[], maxRows = 200): string {
  if (rows.length === 0) return '(0 rows)';
  const cols = Object.keys(rows[0]!);
  const shown = rows.slice(0, maxRows).map((r) => cols.map((c) => cell(r[c]).replace(/\s+/g, ' ')));
  const widths = cols.map((c, i) => Math.min(60, Math.max(c.length, ...shown.map((r) => r[i]!.length))));
  const line = (vals: string[]) => vals.map((v, i) => (v.length > widths[i]! ? `${v.slice(0, widths[i]! - 1)}…` : v.padEnd(widths[i]!))).join('  ').trimEnd();
  const out = [line(cols), line(widths.map((w) => '-'.repeat(w))), ...shown.map(line)];
  out.push(`(${rows.length} row${rows.length === 1 ? '' : 's'}${rows.length > maxRows ? `, first ${maxRows} shown` : ''})`);
  return out.join('\n');
}

function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

export function resultCsv(rows: Row[], columns?: string[]): string {
  const cols = columns ?? (rows[0] ? Object.keys(rows[0]) : []);
  const lines = [cols.map(csvField).join(','), ...rows.map((r) => cols.map((c) => csvField(cell(r[c]))).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

/** `soc2/x_{date}.csv` → `soc2/x_2026-11-27.csv`; refuses paths that climb out of the evidence folder. */
export function evidencePath(template: string, now: Date): string {
  const iso = now.toISOString();
  const p = template.replaceAll('{date}', iso.slice(0, 10)).replaceAll('{time}', iso.slice(11, 19).replaceAll(':', ''));
  if (p.startsWith('/') || p.split('/').some((s) => s === '..' || s === '')) throw new Error(`evidence path ${JSON.stringify(template)} must stay inside the evidence folder`);
  return p;
}

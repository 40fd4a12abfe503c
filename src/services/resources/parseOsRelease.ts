/**
 * Parses os-release (freedesktop format: KEY=value, value optionally in single
 * or double quotes, backslash escapes inside double quotes).
 */
export function parseOsRelease(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line);
    if (!m) continue;
    let v = m[2]!;
    if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) v = v.slice(1, -1).replace(/\\(.)/g, '$1');
    else if (v.length >= 2 && v.startsWith("'") && v.endsWith("'")) v = v.slice(1, -1);
    fields.set(m[1]!, v);
  }
  return fields;
}

/** The name an operator recognises: PRETTY_NAME, else NAME VERSION, else null. */
export function osName(osRelease: string): string | null {
  const f = parseOsRelease(osRelease);
  const pretty = f.get('PRETTY_NAME')?.trim();
  if (pretty) return pretty;
  const name = [f.get('NAME'), f.get('VERSION') ?? f.get('VERSION_ID')].filter((s) => s && s.trim()).join(' ');
  return name || null;
}

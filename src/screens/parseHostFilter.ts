/**
 * The host filter of the list screens, parsed: whitespace-separated words,
 * each of which must hold. `tag:db` keeps hosts that carry the tag `db`
 * (case-insensitive, whole tag); any other word is a case-insensitive
 * substring of the host's name. "tag:production web" is the production web
 * hosts.
 */
export interface HostFilter {
  /** Lower-cased name substrings, all required. */
  names: string[];
  /** Lower-cased tags, all required. */
  tags: string[];
}

const TAG_PREFIX = 'tag:';

export function parseHostFilter(text: string): HostFilter {
  const names: string[] = [];
  const tags: string[] = [];
  for (const word of text.trim().toLowerCase().split(/\s+/)) {
    if (word === '') continue;
    if (word.startsWith(TAG_PREFIX)) {
      const tag = word.slice(TAG_PREFIX.length);
      // "tag:" alone, half typed, narrows nothing yet.
      if (tag !== '') tags.push(tag);
    } else names.push(word);
  }
  return { names, tags };
}

export const isEmptyFilter = (f: HostFilter): boolean => f.names.length === 0 && f.tags.length === 0;

/** Whether a host passes: every name word in its name, every tag among its tags. */
export function matchesHost(f: HostFilter, name: string, tags: readonly string[]): boolean {
  const n = name.toLowerCase();
  if (!f.names.every((w) => n.includes(w))) return false;
  if (f.tags.length === 0) return true;
  const own = new Set(tags.map((t) => t.toLowerCase()));
  return f.tags.every((t) => own.has(t));
}

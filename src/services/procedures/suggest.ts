/** "Did you mean …": IDs close to a mistyped one. */

function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** Up to `max` IDs within two edits, or sharing the letters ("IR" → IR-001 …), closest first. */
export function closeIds(wanted: string, ids: string[], max = 3): string[] {
  const w = wanted.toUpperCase();
  const prefix = /^[A-Z]+/.exec(w)?.[0] ?? '';
  return ids
    .map((id) => ({ id, d: distance(w, id) }))
    .filter(({ id, d }) => d <= 2 || (prefix.length >= 2 && id.startsWith(prefix)))
    // Same letters first (DO-01 means a DO procedure), then fewest edits.
    .sort((a, b) => Number(b.id.startsWith(prefix)) - Number(a.id.startsWith(prefix)) || a.d - b.d || a.id.localeCompare(b.id))
    .slice(0, max)
    .map((x) => x.id);
}

/**
 * A pure function of a string, remembered: for answers asked again and again
 * (a screen's widths, its escape runs), bounded so a flood of distinct
 * strings empties it instead of growing it forever.
 */
export function boundedMemo<V>(limit: number, make: (key: string) => V): (key: string) => V {
  const seen = new Map<string, V>();
  return (key) => {
    let v = seen.get(key);
    if (v === undefined) {
      if (seen.size >= limit) seen.clear();
      v = make(key);
      seen.set(key, v);
    }
    return v;
  };
}

/** Whole seconds since boot from /proc/uptime ("3035.12 5980.11"); null when unreadable. */
export function parseUptime(text: string): number | null {
  const first = text.trim().split(/\s+/)[0];
  if (!first) return null;
  const n = Number(first);
  return Number.isFinite(n) && n >= 0 ? Math.floor(n) : null;
}

/** Seconds since boot to the hundredth, as /proc/uptime prints them; NaN when unreadable. */
export function uptimeSeconds(text: string): number {
  const t = text.trimStart();
  const space = t.search(/\s/);
  return Number(space === -1 ? t : t.slice(0, space));
}

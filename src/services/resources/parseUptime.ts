/** Whole seconds since boot from /proc/uptime ("3035.12 5980.11"); null when unreadable. */
export function parseUptime(text: string): number | null {
  const first = text.trim().split(/\s+/)[0];
  if (!first) return null;
  const n = Number(first);
  return Number.isFinite(n) && n >= 0 ? Math.floor(n) : null;
}

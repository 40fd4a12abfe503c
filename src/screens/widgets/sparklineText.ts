/** ▁▂▃▄▅▆▇█ from a history array: the newest sample on the right. Pure. */

const BARS = '▁▂▃▄▅▆▇█';

/**
 * `max` fixes the scale (100 for percentages) so a flat 3 % does not look
 * like a full bar; without it the series' own maximum is used.
 */
export function sparkline(values: readonly number[], width: number, max?: number): string {
  if (width <= 0 || values.length === 0) return '';
  const shown = values.slice(-width);
  const top = max ?? Math.max(...shown);
  return shown
    .map((v) => {
      if (!Number.isFinite(v) || top <= 0) return BARS[0];
      const i = Math.floor((Math.max(0, v) / top) * BARS.length);
      return BARS[Math.min(BARS.length - 1, Math.max(0, i))];
    })
    .join('');
}

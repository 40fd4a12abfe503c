/** A percent bar as text: "██████░░░░". Pure, so it is tested without Ink. */
export function gaugeBar(percent: number | null, width: number): string {
  if (width <= 0) return '';
  if (percent === null || !Number.isFinite(percent)) return '·'.repeat(width);
  const filled = Math.round((Math.max(0, Math.min(100, percent)) / 100) * width);
  return '█'.repeat(filled) + '░'.repeat(width - filled);
}

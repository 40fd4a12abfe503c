/** Percentages are shown with one decimal; rounding here keeps JSON output and history stable. */
export function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

/**
 * Names in the order an operator reads them: digits as numbers, so lab-2
 * comes before lab-10. One collator serves every comparison (String#localeCompare
 * with options builds one per call).
 */
let collator: Intl.Collator | null = null;

export function byName(a: string, b: string): number {
  collator ??= new Intl.Collator('en', { numeric: true });
  return collator.compare(a, b);
}

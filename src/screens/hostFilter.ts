/**
 * Which hosts a list shows: a case-insensitive name substring, the way
 * operators narrow 50 hosts down to "prod" or "db" without learning regexes.
 */
export function filterHosts(order: readonly string[], filter: string): readonly string[] {
  const f = filter.trim().toLowerCase();
  if (f === '') return order;
  return order.filter((name) => name.toLowerCase().includes(f));
}

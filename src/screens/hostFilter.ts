/**
 * Which hosts a list shows: case-insensitive name substrings and `tag:NAME`
 * words (parseHostFilter), the way operators narrow a fleet down to "prod"
 * or `tag:db` without learning regexes.
 */
import { isEmptyFilter, matchesHost, parseHostFilter } from './parseHostFilter';

/** Each host's tags, by name: the live store's host map fits as it is. */
export type HostTags = Readonly<Record<string, { readonly tags: readonly string[] } | undefined>>;

/** The hosts of `order` the filter keeps, in that order. Without `tags`, a `tag:` word keeps no host. */
export function filterHosts(order: readonly string[], filter: string, tags?: HostTags): readonly string[] {
  const f = parseHostFilter(filter);
  if (isEmptyFilter(f)) return order;
  return order.filter((name) => matchesHost(f, name, tags?.[name]?.tags ?? []));
}

/**
 * Links between procedures (`[Service Down](#ir-002-service-down-response)`)
 * resolved over the whole library. An anchor that names no heading but
 * starts with a known ID (a retitled procedure) still leads there; a target
 * the library lacks stays unresolved — shown as such, never fatal.
 */
import type { Procedure } from './model';
import { looseAnchor } from './mdText';

export function resolveLinks(procedures: Procedure[]): void {
  const byAnchor = new Map<string, string>();
  const byId = new Map<string, string>();
  for (const p of procedures) {
    byAnchor.set(looseAnchor(p.anchor), p.id);
    byId.set(p.id.toLowerCase(), p.id);
  }
  for (const p of procedures) {
    for (const l of p.links) {
      const loose = looseAnchor(l.target);
      const idPart = /^([a-z]{2,5}-\d{2,4})(-|$)/.exec(loose)?.[1];
      l.procedure = byAnchor.get(loose) ?? (idPart ? byId.get(idPart) : undefined) ?? null;
    }
  }
}

/** The links of a procedure that lead nowhere in this library. */
export function unresolvedLinks(p: Procedure): Procedure['links'] {
  return p.links.filter((l) => l.procedure === null);
}

/**
 * Every action has a risk, and the risk alone decides how it is guarded: the
 * same rules for a container restart, a backend terminate or a procedure step.
 */
export type Risk = 'read-only' | 'mutating' | 'destructive';

export type Confirmation = { kind: 'none' } | { kind: 'yes' } | { kind: 'typeHost'; expected: string };

export const RISK_ORDER: Record<Risk, number> = { 'read-only': 0, mutating: 1, destructive: 2 };

export function maxRisk(a: Risk, b: Risk): Risk {
  return RISK_ORDER[a] >= RISK_ORDER[b] ? a : b;
}

/**
 * Mutating: a yes. On a production host, or for anything destructive, the
 * operator types the host's name — a reflex "y" on the wrong host is the
 * mistake this guards against.
 */
export function confirmationFor(risk: Risk, host: { name: string; production: boolean }): Confirmation {
  if (risk === 'read-only') return { kind: 'none' };
  if (risk === 'destructive' || host.production) return { kind: 'typeHost', expected: host.name };
  return { kind: 'yes' };
}

/** Under --read-only, why an action is refused; null when it may go ahead (after confirmation). */
export function refusal(risk: Risk, readOnly: boolean, what: string): string | null {
  if (!readOnly || risk === 'read-only') return null;
  return `--read-only: refused to ${what} (${risk})`;
}

/** Whether a typed answer satisfies the confirmation. Exact host name: no trimming games beyond whitespace. */
export function confirmationAccepts(c: Confirmation, answer: string): boolean {
  switch (c.kind) {
    case 'none':
      return true;
    case 'yes':
      return /^(y|yes)$/i.test(answer.trim());
    case 'typeHost':
      return answer.trim() === c.expected;
  }
}

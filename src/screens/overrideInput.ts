/**
 * The input line after O (override a live tick): "why" when one item was
 * ticked by a live check, "N why" to pick one of several (N as the screen
 * numbers checklist items, from 1). Pure.
 */
export type OverrideInput = { ok: true; index: number; reason: string } | { ok: false; problem: string };

export function parseOverride(text: string, live: ReadonlyArray<{ index: number; text: string }>): OverrideInput {
  const t = text.trim();
  const m = /^#?(\d+)(?:[\s:.)-]+(.*))?$/s.exec(t);
  const picked = m ? live.find((c) => c.index + 1 === Number(m[1])) : undefined;
  if (picked) {
    const reason = (m![2] ?? '').trim();
    return reason ? { ok: true, index: picked.index, reason } : { ok: false, problem: `overriding "${picked.text}" needs a reason after the number` };
  }
  if (live.length === 0) return { ok: false, problem: 'no checklist item was ticked by a live check' };
  if (live.length > 1) return { ok: false, problem: `which one? start with its number: ${live.map((c) => `${c.index + 1} ${c.text}`).join(' · ')}` };
  if (!t) return { ok: false, problem: `overriding "${live[0]!.text}" needs a reason` };
  return { ok: true, index: live[0]!.index, reason: t };
}

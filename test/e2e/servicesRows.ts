/** The services screen in a pseudo-terminal: a service's row, and moving the selection to it. */
import type { PtySession } from './pty';

/** The screen line that shows this service's (or container's) row: "›   nginx …" when selected. */
export const row = (t: string, service: string) => t.split('\n').find((l) => new RegExp(`^[› ] +${service}\\s`).test(l)) ?? '';

export async function selectService(s: PtySession, service: string): Promise<void> {
  // From the top, then down: services are listed by name under their project.
  if (!row(s.text(), service).startsWith('›')) {
    s.press('g');
    await s.waitFor((t) => /^› +api\s/m.test(t), 'the first container selected', 3000);
  }
  // The selected row, not any change of the screen (ages tick): a j still in
  // flight when the wanted row shows would move past it.
  const selected = (t: string) => /^› +(\S+)/m.exec(t)?.[1] ?? null;
  for (let i = 0; i < 10; i++) {
    if (row(s.text(), service).startsWith('›')) return;
    const before = selected(s.text());
    s.press('j');
    await s.waitFor((t) => selected(t) !== before, 'the selection to move', 3000).catch(() => undefined);
  }
  throw new Error(`could not select ${service}:\n${s.text()}`);
}

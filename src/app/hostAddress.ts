import type { HostConfig } from '../hosts/HostConfig';

/** How a host is reached, in the words of ssh: "ops@10.0.0.5:22 via bastion". */
export function hostAddress(h: HostConfig): string {
  if (h.local || !h.ssh) return 'local';
  const s = h.ssh;
  return `${s.user ? `${s.user}@` : ''}${s.host}:${s.port}${s.jump ? ` via ${s.jump}` : ''}`;
}

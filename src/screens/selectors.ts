/**
 * Selectors over the live store. Each returns a value that keeps its identity
 * while nothing relevant changed (zustand re-renders on !Object.is), so no
 * selector here builds a fresh array or object.
 */
import type { HostEntry, LiveState } from '../services/liveStore';

export const selectOrder = (s: LiveState): string[] => s.order;
export const selectHosts = (s: LiveState): Record<string, HostEntry> => s.hosts;
export const selectReadOnly = (s: LiveState): boolean => s.readOnly;

export const selectHost =
  (name: string | null) =>
  (s: LiveState): HostEntry | null =>
    name === null ? null : (s.hosts[name] ?? null);

/** The first host (config order) whose unknown key waits for an answer. */
export function selectPromptHost(s: LiveState): string | null {
  for (const name of s.order) if (s.hosts[name]?.pendingHostKey) return name;
  return null;
}

export function selectPendingCount(s: LiveState): number {
  let n = 0;
  for (const name of s.order) if (s.hosts[name]?.pendingHostKey) n++;
  return n;
}

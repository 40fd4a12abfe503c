/**
 * The fleet views' part of the UI state, as a pure reducer that uiStore
 * delegates to: how the overview lists the hosts (sort, grouped by tag) —
 * kept for as long as riskctl runs — and which alert groups are open to
 * their hosts on the alerts screen.
 */
import { nextSort, type HostSort } from './sortHosts';

export interface FleetUi {
  sort: HostSort;
  byTag: boolean;
  /** Keys of the alert groups shown open (their hosts listed under them). */
  openGroups: readonly string[];
}

export const INITIAL_FLEET_UI: FleetUi = { sort: 'config', byTag: false, openGroups: [] };

export type FleetUiEvent =
  | { type: 'cycleSort' }
  | { type: 'toggleByTag' }
  /** open: true/false sets it; without it the group toggles. */
  | { type: 'openGroup'; key: string; open?: boolean };

export function fleetUiReducer(s: FleetUi, e: FleetUiEvent): FleetUi {
  switch (e.type) {
    case 'cycleSort':
      return { ...s, sort: nextSort(s.sort) };
    case 'toggleByTag':
      return { ...s, byTag: !s.byTag };
    case 'openGroup': {
      const isOpen = s.openGroups.includes(e.key);
      const open = e.open ?? !isOpen;
      if (open === isOpen) return s;
      return { ...s, openGroups: open ? [...s.openGroups, e.key] : s.openGroups.filter((k) => k !== e.key) };
    }
  }
}

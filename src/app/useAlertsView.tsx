/**
 * The alerts part of App, kept out of it: reads the alert store, works out
 * the banner and overview lines, the visible alert keys for the intents,
 * carries out the alert effects, and keeps a visible alert selected.
 */
import React, { useCallback, useEffect, useMemo } from 'react';
import { Text } from 'ink';
import { useStore } from 'zustand';
import { createAlertStore, type AlertActions, type AlertStore } from '../services/alerts/alertStore';
import { countSegments, filterAlerts, fleetSummary, maintenanceBanner } from '../screens/alertRows';
import { alertRows, alertRowKey, alertsOfKey, causeCounts, hostsWorthSaying, openGroupOf } from '../screens/alertGroupRows';
import { isGroupKey } from '../services/alerts/groupAlerts';
import { actOnGroup } from './actOnGroup';
import { AlertsScreen, type ProcedureInfo } from '../screens/AlertsScreen';
import type { AlertEffect } from '../screens/alertIntents';
import { truncate } from '../screens/format';
import type { UiEvent, UiState } from '../screens/uiStore';
import type { Segment } from '../screens/widgets/Segments';
import { reportOutcome } from './reportOutcome';

export interface AlertsProps {
  store: AlertStore;
  actions: AlertActions;
  procedureInfo?: ProcedureInfo;
}

// Without alerts wired (screen tests) the hooks still need a store.
const NONE = createAlertStore();

export interface AlertsView {
  enabled: boolean;
  /** Lines above the screen body: the maintenance banner, the overview's fleet count. */
  top: React.JSX.Element[];
  keys: string[];
  /** Alert key → the open group it is listed under. */
  groupOf: ReadonlyMap<string, string>;
  statusSegments: Segment[] | undefined;
  run: (e: AlertEffect) => void;
  screen: (p: { height: number; width: number }) => React.JSX.Element;
}

export function useAlertsView(
  props: AlertsProps | undefined,
  ui: UiState,
  filter: string,
  now: number,
  color: boolean,
  width: number,
  dispatch: (e: UiEvent | readonly UiEvent[]) => void,
): AlertsView {
  const store = props?.store ?? NONE;
  const alerts = useStore(store, (s) => s.alerts);
  const counts = useStore(store, (s) => s.counts);
  const expected = useStore(store, (s) => s.expected);
  const windows = useStore(store, (s) => s.windows);
  const openGroups = ui.fleet.openGroups;
  const rows = useMemo(() => (ui.screen === 'alerts' ? alertRows(filterAlerts(alerts, filter), openGroups) : []), [ui.screen, alerts, filter, openGroups]);
  const keys = useMemo(() => rows.map(alertRowKey), [rows]);
  const groupOf = useMemo(() => openGroupOf(rows), [rows]);
  // The status bar counts causes and the hosts they fire on: a storm on 100 hosts is "4 CRIT on 100 hosts".
  const causes = useMemo(() => causeCounts(alerts), [alerts]);

  // A selection that left the list (resolved and dropped, filtered out) moves to the top one.
  useEffect(() => {
    if (ui.screen === 'alerts' && keys.length > 0 && (ui.alert === null || !keys.includes(ui.alert))) dispatch({ type: 'selectAlert', by: 'top', keys });
  }, [ui.screen, ui.alert, keys, dispatch]);

  const run = useCallback(
    (e: AlertEffect) => {
      const a = props?.actions;
      if (!a) return dispatch({ type: 'message', text: 'alerts are not available here', level: 'error' });
      let p: Promise<string>;
      if ((e.kind === 'acknowledge' || e.kind === 'resolveAlert') && isGroupKey(e.key)) {
        // The group as listed: the same filter the screen shows it under.
        const members = alertsOfKey(filterAlerts(store.getState().alerts, filter), e.key);
        p = actOnGroup(a, e.kind === 'acknowledge' ? 'acknowledge' : 'resolve', members, e.comment, e.kind === 'acknowledge' ? e.silenceMs : undefined);
      } else if (e.kind === 'acknowledge') p = a.acknowledge(e.key, e.comment, e.silenceMs);
      else if (e.kind === 'resolveAlert') p = a.resolve(e.key, e.comment);
      else if (e.kind === 'maintenanceStart') p = a.startMaintenance(e.host, e.durationMs, e.reason);
      else p = a.endMaintenance(e.host);
      reportOutcome(
        dispatch,
        p.then((message) => ({ ok: true, message })),
      );
    },
    [props?.actions, dispatch, store, filter],
  );

  const top: React.JSX.Element[] = [];
  const banner = maintenanceBanner(windows, now);
  if (props && banner) {
    top.push(
      <Text key="maint" wrap="truncate" bold inverse color={color ? 'yellow' : undefined}>
        {truncate(banner, width)}
      </Text>,
    );
  }
  if (props && ui.screen === 'overview' && ui.overlay === null) {
    const tone = counts.CRITICAL > 0 ? 'red' : counts.WARNING > 0 ? 'yellow' : 'green';
    top.push(
      <Text key="fleet" wrap="truncate" color={color ? tone : undefined} bold={counts.CRITICAL > 0}>
        {truncate(fleetSummary(causes.causes, expected, hostsWorthSaying(causes)), width)}
      </Text>,
    );
  }
  return {
    enabled: props !== undefined,
    top,
    keys,
    groupOf,
    statusSegments: props ? countSegments(causes.causes, expected, hostsWorthSaying(causes)) : undefined,
    run,
    screen: ({ height, width: w }) => (
      <AlertsScreen
        store={store}
        selected={ui.alert}
        filter={filter}
        view={ui.alertView}
        openGroups={openGroups}
        procedureInfo={props?.procedureInfo}
        now={now}
        height={height}
        width={w}
        color={color}
      />
    ),
  };
}

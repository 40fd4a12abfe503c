/**
 * Alerts: the list (severity-coloured, most urgent first, windowed, a cause
 * on many hosts one row that opens to them), the details of the selected
 * one, or its linked procedure. Reads the alert
 * store; acknowledging and resolving go through App's effects.
 */
import React, { useMemo } from 'react';
import { Box, Text } from 'ink';
import { useStore } from 'zustand';
import type { AlertStore } from '../services/alerts/alertStore';
import type { Alert } from '../services/alerts/types';
import { truncate } from './format';
import { ageText, detailLines, filterAlerts, severityTone, stateText, valueText } from './alertRows';
import { alertRowKey, alertRows, groupStateText, groupTitle, type AlertRow } from './alertGroupRows';
import { Table, useListWindow } from './widgets/Table';
import type { Column } from './widgets/tableLayout';
import { toneColor } from './widgets/tone';

/** A procedure as the library names it; null when the library does not know the ID. */
export type ProcedureInfo = (id: string) => { title: string; purpose?: string } | null;

const NO_GROUPS: readonly string[] = [];

export interface AlertsScreenProps {
  store: AlertStore;
  selected: string | null;
  filter: string;
  view: 'list' | 'details' | 'procedure';
  /** Keys of the groups open to their hosts. */
  openGroups?: readonly string[];
  procedureInfo?: ProcedureInfo;
  now: number;
  height: number;
  width: number;
  color: boolean;
}

function alertColumns(now: number): Column<Alert>[] {
  return [
    {
      title: 'SEVERITY',
      width: 8,
      cell: (a) => ({
        text: a.severity,
        tone: a.state === 'resolved' || a.state === 'pending' ? 'muted' : severityTone(a.severity),
        bold: a.severity === 'CRITICAL',
      }),
    },
    { title: 'STATE', width: 12, cell: (a) => ({ text: stateText(a), tone: a.state === 'firing' && !a.expected ? 'plain' : 'muted' }) },
    { title: 'HOST', width: 12, cell: (a) => ({ text: a.host, bold: true }) },
    // The rule and what it is about ("service-down redis"): two causes of one rule differ by their target, and the message may be cut at 80 columns.
    { title: 'RULE', width: 24, cell: (a) => ({ text: a.target ? `${a.rule} ${a.target}` : a.rule }) },
    { title: 'VALUE', width: 16, align: 'right', cell: (a) => ({ text: valueText(a) }) },
    { title: 'AGE', width: 6, align: 'right', cell: (a) => ({ text: ageText(a, now), tone: 'muted' }) },
    { title: 'PROC', width: 6, cell: (a) => ({ text: a.procedure, tone: 'accent' }) },
    { title: 'SRC', width: 4, cell: (a) => ({ text: a.source === 'prometheus' ? 'prom' : 'rctl', tone: 'muted' }) },
    { title: 'MESSAGE', width: 'flex', minWidth: 10, cell: (a) => ({ text: a.message }) },
  ];
}

/** A group's row reads like its first (most urgent) member's, with the host count and its title instead of one host and message. */
function columns(now: number): Column<AlertRow>[] {
  return alertColumns(now).map((c) => ({
    ...c,
    cell: (r: AlertRow) => {
      if (r.kind === 'alert') {
        const cell = c.cell(r.alert);
        return r.member && c.title === 'HOST' ? { ...cell, text: `  ${cell.text}`, bold: false } : cell;
      }
      const g = r.group;
      const first = g.members[0] as Alert;
      switch (c.title) {
        case 'STATE':
          return { text: groupStateText(g), tone: 'plain' };
        case 'HOST':
          return { text: `${r.open ? '▾' : '▸'} ${g.hosts.length} hosts`, bold: true };
        case 'VALUE':
          return { text: '' };
        case 'MESSAGE':
          return { text: groupTitle(g), bold: true };
        default:
          return c.cell(first);
      }
    },
  }));
}

/** The visible row keys (groups and the alerts shown), in order: App hands them to the intents for j/k. */
export function visibleAlertKeys(alerts: readonly Alert[], filter: string, openGroups: readonly string[] = []): string[] {
  return alertRows(filterAlerts(alerts, filter), openGroups).map(alertRowKey);
}

function Lines({
  lines,
  width,
  height,
  color,
  tone,
}: {
  lines: string[];
  width: number;
  height: number;
  color: boolean;
  tone?: 'critical' | 'warning' | 'accent';
}): React.JSX.Element {
  return (
    <>
      {lines.slice(0, Math.max(0, height)).map((l, i) => (
        <Text key={i} wrap="truncate" bold={i === 0} color={i === 0 ? toneColor(tone, color) : undefined}>
          {truncate(l, width)}
        </Text>
      ))}
    </>
  );
}

export function AlertsScreen({
  store,
  selected,
  filter,
  view,
  openGroups = NO_GROUPS,
  procedureInfo,
  now,
  height,
  width,
  color,
}: AlertsScreenProps): React.JSX.Element {
  const all = useStore(store, (s) => s.alerts);
  const prom = useStore(store, (s) => s.prometheus);
  const listed = useMemo(() => filterAlerts(all, filter), [all, filter]);
  const rows = useMemo(() => alertRows(listed, openGroups), [listed, openGroups]);
  const cols = useMemo(() => columns(now), [now]);
  // App keeps a visible alert selected (the most urgent one to begin with).
  const sel = rows.findIndex((r) => alertRowKey(r) === selected);
  const selRow = sel >= 0 ? rows[sel] : undefined;
  // A group's details and procedure are its first member's.
  const cur = selRow === undefined ? undefined : selRow.kind === 'alert' ? selRow.alert : selRow.group.members[0];
  const open = listed.filter((a) => a.state === 'firing' || a.state === 'acknowledged').length;
  const groups = rows.filter((r) => r.kind === 'group').length;
  const tableH = Math.max(0, height - 1);
  const win = useListWindow(sel, rows.length, tableH);
  if (height <= 0) return <></>;

  if (cur && view !== 'list') {
    const tone = severityTone(cur.severity) as 'critical' | 'warning' | 'accent';
    let lines: string[];
    if (view === 'procedure') {
      const info = procedureInfo?.(cur.procedure) ?? null;
      lines = [
        `Procedure ${cur.procedure}${info ? `: ${info.title}` : ''}`,
        ...(info?.purpose ? [`Purpose: ${info.purpose}`] : []),
        `linked from ${cur.rule} on ${cur.host}: ${cur.message}`,
        info ? '' : 'the procedures library does not describe this ID here',
        'Esc: back to the list',
      ];
    } else {
      lines = [...detailLines(cur, now), '', 'A acknowledge · R resolve · P procedure · Esc back'];
    }
    return (
      <Box flexDirection="column" height={height} overflowY="hidden">
        <Lines lines={lines} width={width} height={height} color={color} tone={tone} />
      </Box>
    );
  }

  const parts = [`${open} open`, `${listed.length} listed`];
  if (groups > 0) parts.push(`${groups} grouped (Enter opens)`);
  if (filter.trim() !== '') parts.push(`filter "${filter.trim()}"`);
  if (prom.configured) parts.push(prom.error ? `Prometheus: ${prom.error}` : 'Prometheus joined');
  if (win.label) parts.push(win.label);
  return (
    <Box flexDirection="column" height={height} overflowY="hidden">
      <Text bold wrap="truncate">
        {truncate(`Alerts · ${parts.join(' · ')}`, width)}
      </Text>
      <Table
        columns={cols}
        rows={rows}
        rowKey={alertRowKey}
        selected={sel}
        start={win.start}
        height={tableH}
        width={width}
        color={color}
        epoch={now}
        empty={all.length === 0 ? 'no alerts — every rule is quiet' : `no alert matches "${filter.trim()}" (Esc clears the filter)`}
        marker
      />
    </Box>
  );
}

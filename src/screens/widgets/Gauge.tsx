import React from 'react';
import { Text } from 'ink';
import { fit, type Level } from '../format';
import { gaugeBar } from './gaugeBar';
import { toneColor } from './tone';

export interface GaugeProps {
  label: string;
  /** 0–100, or null when not measured yet. */
  percent: number | null;
  /** What is printed after the bar, e.g. "52%" or "3.1 GiB / 8 GiB". */
  value: string;
  level: Level;
  width: number;
  color: boolean;
  labelWidth?: number;
  valueWidth?: number;
}

/** "CPU  [██████░░░░░░]  52%" coloured by level; the words carry it under NO_COLOR. */
export const Gauge = React.memo(function Gauge({ label, percent, value, level, width, color, labelWidth = 6, valueWidth = 22 }: GaugeProps) {
  const barWidth = Math.max(0, width - labelWidth - valueWidth - 3);
  const c = toneColor(level, color);
  const mark = level === 'critical' ? ' !!' : level === 'warning' ? ' !' : '';
  return (
    <Text wrap="truncate">
      <Text bold>{fit(label, labelWidth)}</Text>
      <Text>[</Text>
      <Text color={c}>{gaugeBar(percent, barWidth)}</Text>
      <Text>] </Text>
      <Text color={c} bold={level !== 'ok'}>
        {fit(value + mark, valueWidth)}
      </Text>
    </Text>
  );
});

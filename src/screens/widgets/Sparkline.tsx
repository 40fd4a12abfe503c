import React from 'react';
import { Text } from 'ink';
import { sparkline } from './sparklineText';
import { toneColor, type Tone } from './tone';

export interface SparklineProps {
  values: readonly number[];
  width: number;
  max?: number;
  tone?: Tone;
  color: boolean;
}

/** History at a glance; memoised because history arrays only change on a poll. */
export const Sparkline = React.memo(function Sparkline({ values, width, max, tone, color }: SparklineProps) {
  const line = sparkline(values, width, max);
  return (
    <Text color={toneColor(tone ?? 'accent', color)} wrap="truncate">
      {line.padStart(Math.max(0, width))}
    </Text>
  );
});

/**
 * One terminal line built from styled pieces, cut to a width before Ink sees
 * it: a line that wrapped would make the frame taller than we planned.
 */
import React from 'react';
import { Text } from 'ink';
import { toneColor } from './tone';
import { fitSegments, type Segment } from './segmentLine';

export type { Segment } from './segmentLine';

export function Segments({ segments, width, color }: { segments: readonly Segment[]; width: number; color: boolean }): React.JSX.Element {
  return (
    <Text wrap="truncate">
      {fitSegments(segments, width).map((s, i) => (
        <Text key={i} color={toneColor(s.tone, color)} bold={s.bold} inverse={s.inverse}>
          {s.text}
        </Text>
      ))}
    </Text>
  );
}

/**
 * One terminal line built from styled pieces, cut to a width before Ink sees
 * it: a line that wrapped would make the frame taller than we planned.
 */
import React from 'react';
import { Text } from 'ink';
import { truncate } from '../format';
import { toneColor, type Tone } from './tone';

export interface Segment {
  text: string;
  tone?: Tone;
  bold?: boolean;
  inverse?: boolean;
}

/** Keep pieces left to right until the width is used up (the last one truncated). */
export function fitSegments(segments: readonly Segment[], width: number): Segment[] {
  const out: Segment[] = [];
  let left = width;
  for (const s of segments) {
    if (left <= 0) break;
    const text = truncate(s.text, left);
    out.push({ ...s, text });
    left -= text.length;
  }
  return out;
}

export function segmentsText(segments: readonly Segment[]): string {
  return segments.map((s) => s.text).join('');
}

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

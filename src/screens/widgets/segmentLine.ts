/** The pure half of the Segments widget: one line of styled pieces, cut to a width. */
import { truncate } from '../format';
import type { Tone } from './tone';

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

/**
 * One place that turns meaning into colour, so NO_COLOR (color=false) is a
 * single switch: words and inverse/bold still carry the meaning without it.
 */
import type { HostState } from '../../hosts/Host';
import type { Level } from '../format';

export type Tone = Level | 'good' | 'muted' | 'accent' | 'plain';

/** The colours tones are drawn in (Ink's names; styledRuns writes each as its SGR code). */
export type ToneColor = 'green' | 'yellow' | 'red' | 'gray' | 'cyan';

const COLORS: Record<Tone, ToneColor | undefined> = {
  ok: undefined,
  plain: undefined,
  good: 'green',
  warning: 'yellow',
  critical: 'red',
  muted: 'gray',
  accent: 'cyan',
};

export function toneColor(tone: Tone | undefined, color: boolean): ToneColor | undefined {
  if (!color || tone === undefined) return undefined;
  return COLORS[tone];
}

export function stateTone(state: HostState): Tone {
  switch (state) {
    case 'connected':
      return 'good';
    case 'connecting':
      return 'warning';
    case 'error':
      return 'critical';
    case 'disconnected':
      return 'warning';
    case 'idle':
      return 'muted';
  }
}

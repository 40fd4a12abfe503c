/**
 * The pure half of the status bar: which host (with its PROD badge), which
 * screen, its connection state, the last message, and the clock, as segments.
 */
import type { HostState } from '../../hosts/Host';
import { oneLine, truncate } from '../format';
import { PROD_LABEL } from './prodLabel';
import type { Segment } from './segmentLine';
import { stateTone } from './tone';

export interface StatusBarProps {
  width: number;
  host: { name: string; production: boolean; state: HostState } | null;
  screen: string;
  message: { text: string; level: 'info' | 'error' } | null;
  readOnly: boolean;
  clock: string;
  version: string;
  color: boolean;
  /** Open alerts by severity (alertRows.countSegments), shown on every screen. */
  alerts?: Segment[];
}

/** Pure: the segments of the status line, the message squeezed into what is left. */
export function statusSegments(p: Omit<StatusBarProps, 'color'>): Segment[] {
  const left: Segment[] = [];
  if (p.host) {
    left.push({ text: ` ${p.host.name} `, bold: true, inverse: true });
    if (p.host.production) left.push({ text: PROD_LABEL, tone: 'critical', bold: true, inverse: true });
  } else {
    left.push({ text: ' no host ', inverse: true });
  }
  left.push({ text: ` ${p.screen} `, tone: 'accent' });
  if (p.alerts) left.push(...p.alerts, { text: ' ' });
  if (p.host) left.push({ text: `${p.host.state} `, tone: stateTone(p.host.state) });
  if (p.readOnly) left.push({ text: 'READ-ONLY ', tone: 'warning', bold: true });
  // A message needs the room more than the version and the help hint do.
  const right: Segment[] = p.message
    ? [{ text: ' ' }, { text: p.clock, bold: true }]
    : [
        { text: ` ? help  riskctl ${p.version}  `, tone: 'muted' },
        { text: p.clock, bold: true },
      ];
  const used = [...left, ...right].reduce((n, s) => n + s.text.length, 0);
  const room = p.width - used;
  const middle: Segment[] = [];
  if (p.message && room > 4) {
    const prefix = p.message.level === 'error' ? '✗ ' : '';
    middle.push({
      text: truncate(`│ ${prefix}${oneLine(p.message.text)}`, room).padEnd(room),
      tone: p.message.level === 'error' ? 'critical' : 'plain',
      bold: p.message.level === 'error',
    });
  } else if (room > 0) {
    middle.push({ text: ' '.repeat(room) });
  }
  // Narrow terminals: the host and the message matter more than version and clock.
  return [...left, ...middle, ...(room >= 0 ? right : [])];
}

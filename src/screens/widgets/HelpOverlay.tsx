/**
 * The `?` help, generated from the keymap table (never written by hand, so it
 * cannot drift). It replaces the screen body: Ink has no layers, and a body
 * swap keeps the frame height under control. Long help scrolls with j/k.
 */
import React from 'react';
import { Box, Text } from 'ink';
import { fit, truncate } from '../format';
import { helpSections, type ScreenName } from '../keymap';
import { windowLabel } from './tableLayout';

export type HelpLine = { kind: 'title'; text: string } | { kind: 'row'; keys: string; help: string } | { kind: 'blank' };

export function helpLines(screen: ScreenName): HelpLine[] {
  const out: HelpLine[] = [];
  for (const section of helpSections(screen)) {
    if (out.length > 0) out.push({ kind: 'blank' });
    out.push({ kind: 'title', text: section.title });
    for (const r of section.rows) out.push({ kind: 'row', keys: r.keys, help: r.help });
  }
  return out;
}

/** Lines of help that fit below the overlay's own title line. */
export const helpViewport = (height: number) => Math.max(0, height - 1);

// App asks at every render (for the help's scroll range): counted once per screen.
const lineCounts = new Map<ScreenName, number>();

export function helpScrollMax(screen: ScreenName, height: number): number {
  let n = lineCounts.get(screen);
  if (n === undefined) lineCounts.set(screen, (n = helpLines(screen).length));
  return Math.max(0, n - helpViewport(height));
}

export interface HelpOverlayProps {
  screen: ScreenName;
  scroll: number;
  height: number;
  width: number;
  color: boolean;
}

const KEYS_WIDTH = 22;

export function HelpOverlay({ screen, scroll, height, width, color }: HelpOverlayProps): React.JSX.Element {
  if (height <= 0) return <></>;
  const lines = helpLines(screen);
  const size = helpViewport(height);
  const start = Math.max(0, Math.min(scroll, lines.length - size));
  const shown = lines.slice(start, start + size);
  const where = windowLabel(start, shown.length, lines.length);
  const title = `Keys — ? or Esc closes${where ? ` · j/k scroll · ${where}` : ''}`;
  return (
    <Box flexDirection="column" height={height} overflowY="hidden">
      <Text bold inverse wrap="truncate">
        {fit(` ${title}`, width)}
      </Text>
      {shown.map((l, i) =>
        l.kind === 'title' ? (
          <Text key={i} bold color={color ? 'cyan' : undefined} wrap="truncate">
            {truncate(l.text, width)}
          </Text>
        ) : l.kind === 'row' ? (
          <Text key={i} wrap="truncate">
            <Text bold>{fit(`  ${l.keys}`, KEYS_WIDTH)}</Text>
            <Text>{truncate(l.help, Math.max(0, width - KEYS_WIDTH))}</Text>
          </Text>
        ) : (
          <Text key={i}> </Text>
        ),
      )}
    </Box>
  );
}

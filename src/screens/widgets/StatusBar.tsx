/**
 * The bottom line: which host (with its PROD badge), which screen, its
 * connection state, the last message, and the clock. Always one line.
 */
import React from 'react';
import { Segments } from './Segments';
import { statusSegments, type StatusBarProps } from './statusSegments';

export type { StatusBarProps } from './statusSegments';

export function StatusBar(props: StatusBarProps): React.JSX.Element {
  return <Segments segments={statusSegments(props)} width={props.width} color={props.color} />;
}

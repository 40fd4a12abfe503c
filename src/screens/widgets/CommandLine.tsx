/** The line being typed after `:` or `/`, with a block cursor (inverse survives NO_COLOR). */
import React from 'react';
import { Text } from 'ink';
import { truncate } from '../format';
import type { InputKind } from '../uiStore';

/** What the line is for, shown before the text. */
const PREFIX: Record<InputKind, string> = {
  command: ':',
  filter: '/',
  ack: 'acknowledge, comment: ',
  resolve: 'resolve, comment: ',
  param: 'value: ',
  reason: 'because: ',
};

export interface CommandLineProps {
  kind: InputKind;
  text: string;
  width: number;
  /** What the filter currently matches, shown as feedback while typing. */
  matches?: number;
  /** A secret being typed: each character shows as •, never itself. */
  secret?: boolean;
}

/** A secret's text as the line shows it: one • per character typed. */
export const maskSecret = (text: string): string => '•'.repeat([...text].length);

export function commandLineText(kind: InputKind, text: string, width: number, matches?: number, secret = false): string {
  const prefix = secret ? 'secret value: ' : PREFIX[kind];
  if (secret) text = maskSecret(text);
  const hint = kind === 'filter' && matches !== undefined ? `  (${matches} match${matches === 1 ? '' : 'es'})` : '';
  // Keep the end of a long line visible: that is where the cursor is.
  const room = Math.max(1, width - prefix.length - 1 - hint.length);
  const shown = text.length > room ? '…' + text.slice(text.length - room + 1) : text;
  return truncate(prefix + shown, width);
}

export function CommandLine({ kind, text, width, matches, secret }: CommandLineProps): React.JSX.Element {
  const line = commandLineText(kind, text, width, matches, secret);
  const hint = kind === 'filter' && matches !== undefined ? `  (${matches} match${matches === 1 ? '' : 'es'})` : '';
  return (
    <Text wrap="truncate">
      <Text bold>{line}</Text>
      <Text inverse> </Text>
      <Text dimColor>{truncate(hint, Math.max(0, width - line.length - 1))}</Text>
    </Text>
  );
}

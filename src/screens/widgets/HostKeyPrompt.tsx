/**
 * An unknown SSH host key, shown with the fingerprint the operator must
 * compare (`ssh-keygen -lf` prints the same SHA256 form). y accepts, n or Esc
 * rejects; the answer goes to actions.answerHostKey via the keymap's prompt scope.
 * A changed key never gets here: the transport refuses it outright.
 */
import React from 'react';
import { Box, Text } from 'ink';
import type { PendingHostKey } from '../../services/liveStore';
import { truncate } from '../format';
import { wrapText } from '../wrapText';
import { ProductionBadge } from './ProductionBadge';

export interface HostKeyPromptProps {
  host: string;
  address: string;
  production: boolean;
  pending: PendingHostKey;
  /** Other hosts waiting for an answer after this one. */
  waiting: number;
  height: number;
  width: number;
  color: boolean;
}

export function HostKeyPrompt(p: HostKeyPromptProps): React.JSX.Element {
  const fp = p.pending.fingerprint.startsWith('SHA256:') ? p.pending.fingerprint : `SHA256:${p.pending.fingerprint}`;
  const t = (s: string) => truncate(s, p.width);
  const wrapped = (key: string, text: string, props: { bold?: boolean; dim?: boolean } = {}) =>
    wrapText(text, p.width).map((row, i) => (
      <Text key={`${key}${i}`} bold={props.bold} dimColor={props.dim} wrap="truncate">
        {row}
      </Text>
    ));
  const keyLine = `  ${p.pending.keyType}  ${fp}`;
  const lines: React.JSX.Element[] = [
    <Text key="t" bold wrap="truncate">
      <Text color={p.color ? 'yellow' : undefined}>Unknown host key for </Text>
      <Text inverse> {p.host} </Text>
      {p.production ? <ProductionBadge color={p.color} /> : null}
    </Text>,
    ...wrapped('at', `at ${p.address}`),
    <Text key="b1"> </Text>,
    // Never cut: a narrow terminal puts the fingerprint (50 columns) on a row of its own.
    ...(keyLine.length <= p.width
      ? [
          <Text key="k" bold wrap="truncate">
            {keyLine}
          </Text>,
        ]
      : wrapped('k', keyLine, { bold: true })),
    <Text key="b2"> </Text>,
    ...wrapped('v', 'Compare it with the host\u2019s own key (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub) before accepting.'),
    <Text key="a" wrap="truncate">
      <Text bold inverse>
        {' '}
        y{' '}
      </Text>
      <Text> accept and remember </Text>
      <Text bold inverse>
        {' '}
        n{' '}
      </Text>
      <Text> / </Text>
      <Text bold inverse>
        {' '}
        Esc{' '}
      </Text>
      <Text> reject (no connection)</Text>
    </Text>,
  ];
  if (p.waiting > 0)
    lines.push(
      <Text key="w" dimColor wrap="truncate">
        {t(`${p.waiting} more host(s) waiting for an answer`)}
      </Text>,
    );
  // A short terminal loses the spacing lines first, then the advice: the fingerprint and the keys stay.
  let fitted = lines;
  if (fitted.length > p.height) fitted = fitted.filter((l) => l.key !== 'b1' && l.key !== 'b2');
  if (fitted.length > p.height) fitted = fitted.filter((l) => !String(l.key).startsWith('v'));
  fitted = fitted.slice(0, Math.max(0, p.height));
  return (
    <Box flexDirection="column" height={Math.max(0, p.height)} overflowY="hidden">
      {fitted}
    </Box>
  );
}

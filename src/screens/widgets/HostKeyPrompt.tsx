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
  const lines: React.JSX.Element[] = [
    <Text key="t" bold wrap="truncate">
      <Text color={p.color ? 'yellow' : undefined}>Unknown host key for </Text>
      <Text inverse> {p.host} </Text>
      {p.production ? <ProductionBadge color={p.color} /> : null}
      <Text> {p.address}</Text>
    </Text>,
    <Text key="b1"> </Text>,
    <Text key="k" wrap="truncate">
      {t(`  ${p.pending.keyType}  `)}
      <Text bold>{fp}</Text>
    </Text>,
    <Text key="b2"> </Text>,
    <Text key="v" wrap="truncate">
      {t('Compare it with the host\u2019s own key (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub) before accepting.')}
    </Text>,
    <Text key="a" wrap="truncate">
      <Text bold inverse> y </Text>
      <Text> accept and remember   </Text>
      <Text bold inverse> n </Text>
      <Text> / </Text>
      <Text bold inverse> Esc </Text>
      <Text> reject (no connection)</Text>
    </Text>,
  ];
  if (p.waiting > 0) lines.push(<Text key="w" dimColor wrap="truncate">{t(`${p.waiting} more host(s) waiting for an answer`)}</Text>);
  // Drop the spacing lines first when the terminal is very short.
  const fitted = lines.length <= p.height ? lines : lines.filter((l) => l.key !== 'b1' && l.key !== 'b2').slice(0, Math.max(0, p.height));
  return (
    <Box flexDirection="column" height={Math.max(0, p.height)} overflow="hidden">
      {fitted}
    </Box>
  );
}

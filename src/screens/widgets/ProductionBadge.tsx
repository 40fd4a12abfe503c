/**
 * The production marker: inverse red " PROD " beside a host name, on every
 * screen that names a host (k9s #410/#980: users keep asking for this).
 * Inverse survives NO_COLOR, so the badge never disappears.
 */
import React from 'react';
import { Text } from 'ink';
import { PROD_LABEL } from './prodLabel';

export { PROD_LABEL } from './prodLabel';

export function ProductionBadge({ color }: { color: boolean }): React.JSX.Element {
  return (
    <Text inverse bold color={color ? 'red' : undefined}>
      {PROD_LABEL}
    </Text>
  );
}

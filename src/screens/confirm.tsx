/**
 * Risky actions ask through one modal. A screen calls
 * `const confirm = useConfirm(); if (await confirm({...})) actions.x(...)`;
 * the App owns the modal, captures keys while it is open, and refuses
 * everything but read-only actions under --read-only before asking.
 */
import React, { createContext, useCallback, useContext, useRef, useState } from 'react';
import { Box, Text } from 'ink';
import { confirmationFor, refusal } from '../services/actionGuard';
import { confirmKey, type ConfirmRequest, type ConfirmState } from './confirmReducer';
import type { KeyFlags } from './keymap';
import { truncate } from './format';
import { ProductionBadge } from './widgets/ProductionBadge';

export type { ConfirmRequest } from './confirmReducer';
export type Confirm = (req: ConfirmRequest) => Promise<boolean>;

const ConfirmContext = createContext<Confirm>(() => Promise.resolve(false));

export function useConfirm(): Confirm {
  return useContext(ConfirmContext);
}

export const ConfirmProvider = ConfirmContext.Provider;

/** The App's side: state of the open modal, the confirm function, and its key handler. */
export function useConfirmController(opts: { readOnly: () => boolean; say: (text: string) => void }) {
  const [state, setState] = useState<ConfirmState | null>(null);
  const open = useRef<{ state: ConfirmState; resolve: (ok: boolean) => void } | null>(null);
  const optsRef = useRef(opts);
  optsRef.current = opts;

  const confirm = useCallback<Confirm>((req) => {
    const refused = refusal(req.risk, optsRef.current.readOnly(), req.title.charAt(0).toLowerCase() + req.title.slice(1));
    if (refused) {
      optsRef.current.say(refused);
      return Promise.resolve(false);
    }
    const c =
      req.askOnProductionOnly && !req.production ? ({ kind: 'none' } as const) : confirmationFor(req.risk, { name: req.host, production: req.production });
    if (c.kind === 'none') return Promise.resolve(true);
    open.current?.resolve(false);
    return new Promise<boolean>((resolve) => {
      const s: ConfirmState = { req, confirmation: c, typed: '', error: null };
      open.current = { state: s, resolve };
      setState(s);
    });
  }, []);

  /** Returns true when the modal took the key. */
  const onKey = useCallback((input: string, key: KeyFlags): boolean => {
    const cur = open.current;
    if (!cur) return false;
    const { state: next, outcome } = confirmKey(cur.state, input, key);
    if (outcome === 'pending') {
      cur.state = next;
      setState(next);
      return true;
    }
    open.current = null;
    setState(null);
    if (outcome === 'cancelled') optsRef.current.say(`cancelled: ${cur.state.req.title}`);
    cur.resolve(outcome === 'accepted');
    return true;
  }, []);

  /** On quit: an open question is a no. */
  const cancel = useCallback(() => {
    open.current?.resolve(false);
    open.current = null;
    setState(null);
  }, []);

  return { state, confirm, onKey, cancel };
}

export function ConfirmPrompt({ s, width, height, color }: { s: ConfirmState; width: number; height: number; color: boolean }): React.JSX.Element {
  const t = (x: string) => truncate(x, width);
  const c = s.confirmation;
  const riskColor = s.req.risk === 'destructive' ? 'red' : 'yellow';
  const lines: React.JSX.Element[] = [
    <Text key="t" bold wrap="truncate">
      <Text color={color ? riskColor : undefined} inverse>{` ${s.req.risk.toUpperCase()} `}</Text>
      <Text> {s.req.title} on </Text>
      <Text inverse> {s.req.host} </Text>
      {s.req.production ? <ProductionBadge color={color} /> : null}
    </Text>,
  ];
  if (s.req.detail)
    lines.push(
      <Text key="d" wrap="truncate">
        {t(`  ${s.req.detail}`)}
      </Text>,
    );
  lines.push(<Text key="b"> </Text>);
  if (c.kind === 'typeHost') {
    lines.push(
      <Text key="i" wrap="truncate">
        {t('Type the host name ')}
        <Text bold>{c.expected}</Text>
        {t(' and Enter to confirm, Esc to cancel')}
      </Text>,
      <Text key="in" wrap="truncate">
        {'> '}
        {s.typed}
        <Text inverse> </Text>
      </Text>,
    );
  } else {
    lines.push(
      <Text key="i" wrap="truncate">
        <Text bold inverse>
          {' '}
          y{' '}
        </Text>
        <Text> confirm </Text>
        <Text bold inverse>
          {' '}
          n{' '}
        </Text>
        <Text> / </Text>
        <Text bold inverse>
          {' '}
          Esc{' '}
        </Text>
        <Text> cancel</Text>
      </Text>,
    );
  }
  if (s.error)
    lines.push(
      <Text key="e" color={color ? 'red' : undefined} wrap="truncate">
        {t(s.error)}
      </Text>,
    );
  return (
    <Box flexDirection="column" height={Math.max(0, height)} overflowY="hidden">
      {lines.slice(0, Math.max(0, height))}
    </Box>
  );
}

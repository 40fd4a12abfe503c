/**
 * A store the screens read, made to hold only inert text: every state it is
 * given goes through inertStrings first (services/inertText.ts), whichever
 * service code calls setState. For stores whose state is records of remote
 * text (alerts, a run's output) and whose keys hold no control characters.
 */
import type { StoreApi } from 'zustand/vanilla';
import { inertStrings } from './inertText';

export function inertStore<S, A extends StoreApi<S>>(store: A): A {
  const set = store.setState.bind(store) as (partial: unknown, replace?: boolean) => void;
  const setState = (partial: unknown, replace?: boolean): void =>
    set(typeof partial === 'function' ? (s: S) => inertStrings((partial as (s: S) => unknown)(s)) : inertStrings(partial), replace);
  store.setState = setState as A['setState'];
  return store;
}

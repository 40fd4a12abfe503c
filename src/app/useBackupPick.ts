/**
 * A backup-file parameter's pick list for the procedures view: the host's
 * backups folder, listed read-only on the host (ProceduresProps.backupsOf)
 * while the input line is already open — typed input works meanwhile — and
 * ↑/↓ (the input line's pickNext/pickPrev) put a file on the line.
 */
import { useCallback, useRef, useState } from 'react';
import type { BackupFile } from '../services/procedures/runner/backupFiles';
import type { PickList } from '../screens/ProceduresScreen';
import type { UiEvent } from '../screens/uiStore';

export interface BackupPick {
  /** The list shown, null when no pick-list parameter is asked. */
  pick: PickList | null;
  /** Start listing for this parameter (procedure id, name, host, folder). */
  open(procedure: string, param: string, host: string, dir: string, list: (host: string) => Promise<BackupFile[]>): void;
  close(): void;
  /** Move the choice by one and put it on the input line. */
  move(by: number): void;
}

export function useBackupPick(dispatch: (e: UiEvent | readonly UiEvent[]) => void): BackupPick {
  // In a ref too: ↑/↓ pressed fast must see the last move.
  const ref = useRef<PickList | null>(null);
  const [pick, setState] = useState<PickList | null>(null);
  const set = useCallback((p: PickList | null) => {
    ref.current = p;
    setState(p);
  }, []);
  const open = useCallback<BackupPick['open']>(
    (procedure, param, host, dir, list) => {
      const base: PickList = { procedure, param, dir, files: [], sel: -1, loading: true, error: null };
      set(base);
      // A late answer for a parameter no longer asked is dropped.
      const current = () => ref.current?.param === param && ref.current.procedure === procedure;
      list(host).then(
        (files) => current() && set({ ...base, files, loading: false }),
        (e: unknown) => current() && set({ ...base, loading: false, error: e instanceof Error ? e.message : String(e) }),
      );
    },
    [set],
  );
  const close = useCallback(() => set(null), [set]);
  const move = useCallback(
    (by: number) => {
      const k = ref.current;
      if (!k || !k.files.length) return;
      const sel = Math.max(0, Math.min(k.files.length - 1, k.sel + by));
      set({ ...k, sel });
      dispatch([
        { type: 'edit', op: 'clear' },
        { type: 'edit', op: 'insert', text: k.files[sel]!.name },
      ]);
    },
    [dispatch, set],
  );
  return { pick, open, close, move };
}

// The processes screen's signal pick list (K): the reducer, the keys'
// meaning while it is open, and its lines.
import { describe, expect, test } from 'vitest';
import { interpret, type View } from '../../src/screens/intents';
import { resolveKey } from '../../src/screens/keymap';
import { INITIAL_PROCESSES_UI, processesUiReducer, type ProcessesUi } from '../../src/screens/processesUi';
import { signalPickLines } from '../../src/screens/signalPickLines';
import { initialUi, keyContext, uiReducer, type UiState } from '../../src/screens/uiStore';
import type { ProcessInfo } from '../../src/services/processes/ProcessInfo';
import { PROCESS_SIGNAL_RISK, PROCESS_SIGNALS } from '../../src/services/processes/processSignals';

const view: View = { hosts: ['web-1', 'db-1'], prompt: null, page: 10, bodyScrollMax: 0, helpScrollMax: 0, procPids: [900, 812, 1] };
const onProcesses = (processes: Partial<ProcessesUi> = {}): UiState => ({
  ...initialUi({ host: 'db-1', screen: 'processes' }),
  processes: { ...INITIAL_PROCESSES_UI, pid: 812, ...processes },
});

/** A key as the cockpit takes it: resolved in the UI's context, interpreted, its events reduced. */
function press(ui: UiState, input: string, flags: Parameters<typeof resolveKey>[1] = {}) {
  const act = resolveKey(input, flags, keyContext(ui, false));
  if (!act) return { ui, effects: [] };
  const { events, effects } = interpret(act, ui, view);
  return { ui: events.reduce(uiReducer, ui), effects };
}

describe('the signal pick list reducer', () => {
  test('opens on TERM for a PID, moves without wrapping, closes', () => {
    let s = processesUiReducer(INITIAL_PROCESSES_UI, { type: 'pickSignal', pid: 812 });
    expect(s.signal).toEqual({ pid: 812, index: 0 });
    s = processesUiReducer(s, { type: 'moveSignal', by: 1 });
    expect(s.signal?.index).toBe(1);
    s = processesUiReducer(s, { type: 'moveSignal', by: 'bottom' });
    expect(s.signal?.index).toBe(PROCESS_SIGNALS.length - 1);
    expect(processesUiReducer(s, { type: 'moveSignal', by: 1 })).toBe(s);
    s = processesUiReducer(s, { type: 'moveSignal', by: -10 });
    expect(s.signal?.index).toBe(0);
    s = processesUiReducer(s, { type: 'closeSignal' });
    expect(s.signal).toBeNull();
    expect(processesUiReducer(s, { type: 'closeSignal' })).toBe(s);
    expect(processesUiReducer(s, { type: 'moveSignal', by: 1 })).toBe(s);
  });
});

describe('the signal keys', () => {
  test('K opens the list for the selected process; j moves it; Enter sends the chosen signal and closes it', () => {
    let { ui, effects } = press(onProcesses(), 'K');
    expect(ui.processes.signal).toEqual({ pid: 812, index: 0 });
    expect(effects).toEqual([]);
    ({ ui } = press(ui, 'j'));
    // The list moves, not the process selection under it.
    expect(ui.processes).toMatchObject({ pid: 812, signal: { pid: 812, index: 1 } });
    ({ ui, effects } = press(ui, '\r', { return: true }));
    expect(effects).toEqual([{ kind: 'signalProcess', host: 'db-1', pid: 812, signal: 'KILL' }]);
    expect(ui.processes.signal).toBeNull();
  });

  test('Enter at once sends TERM, the default', () => {
    const { effects } = press(press(onProcesses(), 'K').ui, '\r', { return: true });
    expect(effects).toEqual([{ kind: 'signalProcess', host: 'db-1', pid: 812, signal: 'TERM' }]);
  });

  test('Esc (or K again) closes the list without sending; other keys do nothing while it is open', () => {
    const open = press(onProcesses(), 'K').ui;
    const esc = press(open, '\u001b', { escape: true });
    expect(esc.ui.processes.signal).toBeNull();
    expect(esc.effects).toEqual([]);
    expect(press(open, 'K').ui.processes.signal).toBeNull();
    for (const key of ['M', 't', '/', 'h']) {
      const r = press(open, key);
      expect(r.ui.processes, key).toEqual(open.processes);
      expect(r.ui.screen, key).toBe('processes');
      expect(r.ui.input, key).toBeNull();
    }
    expect(press(open, 'q').effects).toEqual([{ kind: 'quit' }]);
  });

  test('K with no listed process selected says so', () => {
    const { ui, effects } = press(onProcesses({ pid: 4242 }), 'K');
    expect(ui.processes.signal).toBeNull();
    expect(effects).toEqual([]);
    expect(ui.message).toEqual({ text: 'no process selected', level: 'error' });
  });

  test('k stays up: it moves the selection', () => {
    const { ui } = press(onProcesses(), 'k');
    expect(ui.processes).toMatchObject({ pid: 900, signal: null });
  });
});

describe('the signal list lines', () => {
  const shown: ProcessInfo = {
    pid: 812,
    ppid: 1,
    user: 'postgres',
    cpuPercent: 1,
    memPercent: 1,
    rssBytes: 1,
    state: 'S',
    elapsedSeconds: 1,
    command: 'postgres: checkpointer',
  };

  test('which process, the four signals with the chosen one marked, the keys', () => {
    const lines = signalPickLines({ pid: 812, index: 1 }, shown, 80);
    expect(lines.map((l) => l.text.trimEnd())).toEqual([
      ' Send a signal to process 812 (postgres: postgres: checkpointer)',
      '  TERM  ask it to end (it may clean up) — the default',
      '› KILL  end it at once (no cleanup, cannot be caught)',
      '  HUP   hang up (many daemons reload their config)',
      '  INT   interrupt, as Ctrl-C',
      ' ↑/↓ choose · Enter send (then confirm) · Esc close',
    ]);
    expect(lines.map((l) => l.selected)).toEqual([false, false, true, false, false, false]);
    expect(lines.every((l) => l.text.length <= 80)).toBe(true);
  });

  test('fits a narrow terminal', () => {
    expect(signalPickLines({ pid: 812, index: 0 }, null, 30).every((l) => [...l.text].length <= 30)).toBe(true);
  });

  test('a process gone from the list since K keeps its PID, and says so', () => {
    expect(signalPickLines({ pid: 812, index: 0 }, null, 80)[0]!.text.trimEnd()).toBe(' Send a signal to process 812 (no longer in the list)');
  });

  test('KILL is the one that needs the host name typed', () => {
    expect(PROCESS_SIGNAL_RISK).toEqual({ TERM: 'mutating', KILL: 'destructive', HUP: 'mutating', INT: 'mutating' });
  });
});

// The Procedures screen in the App, running a test library on this machine's
// shell (LocalHost): list, parameters on the input line, confirmations in the
// modal, a checklist item refused with a reason, the journal on disk.
import React from 'react';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { App } from '../../src/app/App';
import { LocalHost } from '../../src/hosts/LocalHost';
import { createLiveStore } from '../../src/services/liveStore';
import { libraryFromTexts, loadLibrary } from '../../src/services/procedures/loadLibrary';
import { libraryLines } from '../../src/screens/procedureLines';
import { parseJournal } from '../../src/services/procedures/runner/journal';
import { renderReport } from '../../src/services/procedures/runner/report';
import { createAlertStore, countAlerts } from '../../src/services/alerts/alertStore';
import type { Alert } from '../../src/services/alerts/types';
import { localCfg, startProcedures, tick, until } from './proceduresHarness';
import { recordingActions, sees, matches } from './fixtures';

const ENTER = '\r';
const lib = loadLibrary(['test/fixtures/procedures/runner-library.md', 'test/fixtures/procedures/runner-manual.md']);

afterEach(() => cleanup());

const start = (readOnly = false) => startProcedures(lib, { readOnly });

/** The procedures props but the library, on this machine's shell. */
const procBase = () => ({
  hosts: new Map([['local', new LocalHost('local')]]),
  configs: [localCfg],
  stateDir: mkdtempSync(join(tmpdir(), 'riskctl-procscreen-')),
  readOnly: false,
});

/** The App with one alert firing whose procedure is TM-001: give it the procedures props. */
function withAlertOnTm001(): (procedures: object) => React.JSX.Element {
  const s = createLiveStore([{ name: 'local', tags: [], production: false, address: 'this machine' }]);
  const alerts = createAlertStore();
  const a = {
    severity: 'WARNING',
    rule: 'cpu',
    host: 'local',
    target: '',
    value: 91,
    threshold: 70,
    message: 'CPU 91%',
    procedure: 'TM-001',
    source: 'riskctl',
    key: 'riskctl|cpu|local|',
    state: 'firing',
    since: Date.now(),
    firedAt: Date.now(),
    resolvedAt: null,
    ack: null,
    resolution: null,
    expected: false,
    flapping: false,
    silence: null,
  } as unknown as Alert;
  alerts.setState({ alerts: [a], ...countAlerts([a]), windows: [] });
  const noop = async () => '';
  return (procedures) => (
    <App
      store={s}
      actions={recordingActions()}
      alerts={{ store: alerts, actions: { acknowledge: noop, resolve: noop, startMaintenance: noop, endMaintenance: noop } }}
      procedures={procedures as never}
      version="0.1.0"
      onQuit={() => {}}
      rows={30}
      columns={140}
    />
  );
}

describe('the procedures screen', () => {
  test('p lists the library; x asks the parameters, runs, confirms in the modal, and a checklist item is refused with a reason', async () => {
    const h = await start();
    const work = mkdtempSync(join(tmpdir(), 'riskctl-procwork-'));
    await h.press('p');
    await sees(h.frame, '2 procedures');
    await sees(h.frame, 'TR-001  Testing');
    await h.press('x');
    await sees(h.frame, 'TR-001: [work_dir] (text)');
    await h.press('x'.repeat(501));
    await h.press(ENTER);
    await sees(h.frame, 'parameter work_dir (text) is longer than 500 characters');
    await sees(h.frame, 'value:');
    await h.press(work, ENTER, 'hello there', ENTER);
    await until(() => h.frame().includes('MUTATING'));
    await sees(h.frame, 'Step 2. Write A File on');
    await h.press('y');
    await until(() => h.frame().includes('DESTRUCTIVE'));
    expect(existsSync(join(work, 'mutated.txt'))).toBe(true);
    await h.press('local', ENTER);
    await until(() => h.frame().includes('Check (Success Criteria): The folder is clean'));
    expect(existsSync(join(work, 'mutated.txt'))).toBe(false);
    await sees(h.frame, 'note: hello there');
    // The recovery timer: started and stopped from the run view, journalled for the report.
    await h.press('t');
    await sees(h.frame, 'recovery timer started');
    await matches(h.frame, /recovery 0s/);
    await h.press('t');
    await sees(h.frame, 'recovery timer stopped');
    await matches(h.frame, /recovery 0s \(stopped\)/);
    await h.press('n');
    await h.press('checked by hand later', ENTER);
    await until(() => h.frame().includes('completed'));
    await sees(h.frame, '✔ 3. Remove The File');
    const files = readdirSync(join(h.state, 'runs'));
    expect(files).toHaveLength(1);
    const journal = readFileSync(join(h.state, 'runs', files[0]!), 'utf8');
    expect(journal).toContain('"status":"refused","reason":"checked by hand later"');
    expect(renderReport(parseJournal(journal, files[0]!))).toMatch(/## Recovery timer\n\nStarted \S+, stopped \S+: \*\*0 min 0 s\*\*\./);
    await h.press('v');
    await sees(h.frame, 'TR-001  local');
  });

  test('--read-only: the risky steps are refused without a question', async () => {
    const h = await start(true);
    const work = mkdtempSync(join(tmpdir(), 'riskctl-procwork-'));
    await h.press('p', 'x', work, ENTER, 'x', ENTER);
    await until(() => h.frame().includes('Check (Success Criteria)'));
    await sees(h.frame, '⊘ 2. Write A File — --read-only: refused to run step "2. Write A File" (mutating)');
    expect(existsSync(join(work, 'mutated.txt'))).toBe(false);
  });

  test(':resume RUN_ID continues a stopped run in the cockpit from its first unfinished step', async () => {
    const h = await start();
    const work = mkdtempSync(join(tmpdir(), 'riskctl-procwork-'));
    await h.press('p', 'x', work, ENTER, 'hi', ENTER);
    await until(() => h.frame().includes('MUTATING'));
    await h.press('n');
    await until(() => h.frame().includes('was not confirmed'));
    const [file] = readdirSync(join(h.state, 'runs'));
    const runId = file!.replace(/\.jsonl$/, '');
    await h.press(':', `resume ${runId}`, ENTER);
    await until(() => h.frame().includes('MUTATING'));
    await h.press('y');
    await until(() => h.frame().includes('DESTRUCTIVE'));
    await h.press('local', ENTER);
    await until(() => h.frame().includes('Check (Success Criteria)'));
    await h.press('y');
    await until(() => h.frame().includes('completed'));
    const lines = readFileSync(join(h.state, 'runs', file!), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; index?: number; status?: string });
    expect(lines.filter((l) => l.type !== 'command-start').map((l) => `${l.type}${l.index ?? ''}${l.status ? `:${l.status}` : ''}`)).toEqual([
      'run',
      'step0:done',
      'step1:declined',
      'end:stopped',
      'resume',
      'step1:done',
      'step2:done',
      'check0:ticked',
      'end:completed',
    ]);
  });

  test("the alerts screen's P opens this screen at the alert's procedure", async () => {
    const app = withAlertOnTm001();
    const r = render(app({ ...procBase(), library: lib }));
    await tick();
    for (const k of ['a', 'P']) {
      r.stdin.write(k);
      await tick();
    }
    await until(() => (r.lastFrame() ?? '').includes('TM-001: Manual And Failing'));
    expect(r.lastFrame()).toContain('TM-001: Manual And Failing');
    expect(r.lastFrame()).toContain('x run on local');
  });

  test('a library not parsed yet is asked for once, on the screen or from an alert, and the jump lands once it arrives', async () => {
    let asked = 0;
    const base = procBase();
    const app = withAlertOnTm001();
    const r = render(app({ ...base, library: { files: [], procedures: [], notes: [] }, loading: true, load: () => asked++ }));
    await tick();
    expect(asked).toBe(0);
    for (const k of ['a', 'P']) {
      r.stdin.write(k);
      await tick();
    }
    await until(() => asked > 0);
    expect(asked).toBe(1);
    r.stdin.write('p');
    await sees(() => r.lastFrame() ?? '', 'loading the procedures library…');
    // Asking again while it loads does not parse it twice.
    expect(asked).toBe(1);
    r.stdin.write('a');
    await tick();
    r.stdin.write('P');
    await tick();
    r.rerender(app({ ...base, library: lib }));
    await sees(() => r.lastFrame() ?? '', 'TM-001: Manual And Failing');
    expect(r.lastFrame()).toContain('x run on local');
    expect(asked).toBe(1);
  });

  test("a service parameter is one of the host's compose services, listed when asked", async () => {
    const text = '# L\n\n## Testing\n\n### TV-001: Service Logs\n\n**Steps:**\n\n1. **Logs**\n   ```bash\n   echo "would show [service_name]"\n   ```\n';
    const s = createLiveStore([{ name: 'local', tags: [], production: false, address: 'this machine' }]);
    const state = mkdtempSync(join(tmpdir(), 'riskctl-procscreen-'));
    const procedures = {
      library: libraryFromTexts([{ file: 'svc.md', text }]),
      hosts: new Map([['local', new LocalHost('local')]]),
      configs: [localCfg],
      stateDir: state,
      readOnly: false,
      servicesOf: () => ['api', 'nginx'],
    };
    const r = render(<App store={s} actions={recordingActions()} procedures={procedures} version="0.1.0" onQuit={() => {}} rows={30} columns={140} />);
    await tick();
    for (const k of ['p', 'x']) {
      r.stdin.write(k);
      await tick();
    }
    // Waits for what the keys show (not a fixed tick): a loaded machine draws late.
    await sees(() => r.lastFrame() ?? '', 'TV-001: [service_name] (service) — one of: api, nginx');
    r.stdin.write('redis');
    await sees(() => r.lastFrame() ?? '', 'value: redis');
    r.stdin.write(ENTER);
    await sees(() => r.lastFrame() ?? '', 'parameter service_name (service) no service "redis" on this host (services: api, nginx)');
    r.stdin.write('api');
    await tick();
    r.stdin.write(ENTER);
    await until(() => (r.lastFrame() ?? '').includes('completed'));
    expect(r.lastFrame()).toContain('would show api');
  });

  test('library rows carry ID, category, risk and title', () => {
    expect(libraryLines(lib.procedures, 80).map((l) => [l.text, l.tone])).toEqual([
      ['TR-001  Testing   destructive  Runner Test Procedure', 'critical'],
      ['TM-001  Testing   read-only    Manual And Failing', 'normal'],
    ]);
  });
});

// The Procedures screen's runs history, reports and escalation links, in the
// App on this machine's shell (LocalHost): a linked procedure is opened and
// run on top of a run waiting on its checklist, Esc returns to that run at
// the same question, and past runs open their Markdown report.
import { afterEach, describe, expect, test } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { loadLibrary } from '../../src/services/procedures/loadLibrary';
import { startProcedures, until } from './proceduresHarness';
import { sees, matches } from './fixtures';

const ENTER = '\r';
const ESC = '\x1b';
const lib = loadLibrary(['test/fixtures/procedures/live-checks-library.md']);

afterEach(() => cleanup());

const DOWN = '\x1b[B';
const UP = '\x1b[A';

const start = (extra: Record<string, unknown> = {}) => startProcedures(lib, { extra, stateTag: 'procruns' });

describe('runs history, reports and links on the procedures screen', () => {
  test('a linked procedure runs on top of a waiting run; Esc returns to its question; v and Enter open reports', async () => {
    const h = await start();
    await h.press('p', 'x');
    await until(() => h.frame().includes('Check (Recovery Testing Checklist): Database restored successfully'));
    // R while running: the report so far.
    await h.press('R');
    await sees(h.frame, '# TL-001: Live Check Procedure');
    await sees(h.frame, '| Status | **interrupted** |');
    await h.press(ESC);
    await sees(h.frame, 'Check (Recovery Testing Checklist): Database restored successfully');
    // The links: resolved and unresolved.
    await h.press('L');
    await sees(h.frame, 'links of TL-001');
    await sees(h.frame, '> Linked Check → TL-002');
    await sees(h.frame, 'Security Incident Response → #ir-004-security-incident-response (unresolved: not in the library)');
    await h.press('j', ENTER);
    await sees(h.frame, '#ir-004-security-incident-response is not in the library');
    await h.press('k', ENTER);
    await sees(h.frame, 'linked from the run of TL-001 · x start it on local');
    await sees(h.frame, 'Procedure TL-002: Linked Check');
    // Back to the run: it still waits on the same question.
    await h.press(ESC, ESC);
    await sees(h.frame, 'TL-001 on local · running');
    await sees(h.frame, 'Check (Recovery Testing Checklist): Database restored successfully');
    // Start the linked procedure on top of the run.
    await h.press('L', ENTER, 'x');
    await until(() => h.frame().includes('TL-002 on local · completed'));
    await sees(h.frame, 'started from TL-001');
    await sees(h.frame, 'linked procedure ran');
    await h.press(ESC);
    await sees(h.frame, 'TL-001 on local · running');
    await sees(h.frame, 'Check (Recovery Testing Checklist): Database restored successfully');
    for (let i = 0; i < 5; i++) await h.press('y');
    await until(() => h.frame().includes('TL-001 on local · completed'));
    // After the run: R opens its report, scrollable to the checklist.
    await h.press('R');
    await sees(h.frame, '| Status | **completed** — TL-001 completed on local |');
    await h.press('G');
    await sees(h.frame, '- [x] Monitoring systems functional — ticked by the operator');
    await h.press(ESC);
    // Past runs: both, newest first, with the operator; Enter opens one's report.
    await h.press('v');
    await sees(h.frame, 'past runs (2)');
    await matches(h.frame, /> \d{4}-\d\d-\d\d \d\d:\d\d:\d\d {2}TL-002 {2}local {2}completed {3}\S+ +\d{8}-\d{4,6}-TL-002-/);
    await h.press('j', ENTER);
    await sees(h.frame, '# TL-001: Live Check Procedure');
    await h.press(ESC);
    await sees(h.frame, 'past runs (2)');
    await h.press(ESC);
    await sees(h.frame, 'TL-001 on local · completed');
    // Enter shows the library with the way back to the run; x there starts no second run while one waits.
    await h.press(ENTER);
    await sees(h.frame, 'run TL-001: completed (Esc back to it)');
    await h.press(ENTER, ENTER, ESC);
    await sees(h.frame, 'TL-001 on local · completed');
  });

  test('a linked procedure goes through the same gate: its mutating step asks, and a no stops only the linked run', async () => {
    const h = await start();
    await h.press('p', 'x');
    await until(() => h.frame().includes('Check (Recovery Testing Checklist): Database restored successfully'));
    await h.press('L', 'j', 'j', ENTER);
    await sees(h.frame, 'Procedure TL-004: Mutating Follow-up');
    await h.press('x');
    await until(() => h.frame().includes('MUTATING'));
    await sees(h.frame, 'Step 1. Change Nothing Much on');
    await h.press('n');
    await until(() => h.frame().includes('TL-004 on local · stopped'));
    expect(h.frame()).not.toContain('mutating step ran');
    await h.press(ESC);
    await sees(h.frame, 'TL-001 on local · running');
    await sees(h.frame, 'Check (Recovery Testing Checklist): Database restored successfully');
  });

  test('a new run is refused while a run below the one shown still waits', async () => {
    const h = await start();
    await h.press('p', 'x');
    await until(() => h.frame().includes('Check (Recovery Testing Checklist): Database restored successfully'));
    await h.press('L', ENTER, 'x');
    await until(() => h.frame().includes('TL-002 on local · completed'));
    await h.press(ENTER, 'x');
    await sees(h.frame, 'a run of TL-001 is in progress');
    await h.press(ESC);
    await sees(h.frame, 'TL-002 on local · completed');
    await h.press(ESC);
    await sees(h.frame, 'Check (Recovery Testing Checklist): Database restored successfully');
  });
});

describe('a backup-file parameter', () => {
  test("offers the host's backups folder as a pick list: ↑ ↓ put a file on the line, typing still works and is validated", async () => {
    const hosts: string[] = [];
    const h = await start({
      backupsOf: async (host: string) => {
        hosts.push(host);
        return [
          { name: 'full_backup_new.tar.gz', mtime: Date.now() - 3900_000, size: 2048 },
          { name: 'database/risk_platform.dump', mtime: Date.now() - 7200_000, size: 100 },
        ];
      },
    });
    await h.press('p', ':', 'run TL-003', ENTER);
    await until(() => h.frame().includes('full_backup_new.tar.gz'));
    expect(hosts).toEqual(['local']);
    await sees(h.frame, 'TL-003: [backup_file] — a file in /tmp');
    await matches(h.frame, / {2}full_backup_new\.tar\.gz +1h ago +2\.0 KiB/);
    await h.press(DOWN, DOWN);
    await sees(h.frame, '› database/risk_platform.dump');
    await sees(h.frame, 'value: database/risk_platform.dump');
    await h.press(UP);
    await sees(h.frame, 'value: full_backup_new.tar.gz');
    // Typed input replaces it, validated as before; the list stays for another try.
    await h.press('\x15', '../etc/passwd', ENTER);
    await sees(h.frame, 'parameter backup_file (backup-file) must be a file in /tmp');
    await sees(h.frame, 'full_backup_new.tar.gz');
    await h.press(UP, ENTER);
    await until(() => h.frame().includes('TL-003 on local · completed'));
    await sees(h.frame, 'picked /tmp/full_backup_new.tar.gz');
  });
});

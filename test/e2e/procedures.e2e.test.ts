// The procedures screen in a real pseudo-terminal against a lab host: open
// the library, start a run, give its parameters, confirm the mutating step
// (y) and the destructive one (the host's name typed), tick the checklist,
// and find the run's journal and report. Then the built-in DO-001 and BR-002 (the guided DR test)
// as written, on a lab host that is a Risk Platform host (lab/platform.sh, lab/dr.sh).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanEnv, hostWorkDir, onHost, riskctl, tempDir, writeConfig } from '../app/cliHelpers';
import { labHost, readLab } from '../lab/lab';
import pg from 'pg';
import { labDbHostYaml, labPassword, pgLab, superuser } from '../services/database/pgLab';
import { PtySession } from './pty';

describe('procedures in the cockpit, in a pseudo-terminal', () => {
  let s: PtySession | null = null;
  afterEach(() => {
    s?.kill();
    s = null;
    removeDrNetwork(); // BR-002's step 1 makes it in the lab engine
  });

  it('runs TR-001 on lab-2 with confirmations and journals it', async () => {
    const h = labHost(2);
    const env = cleanEnv();
    const cfg = writeConfig(tempDir('proc-e2e'), [{ name: 'lab-2', host: h }]);
    const work = hostWorkDir(h, 'e2e');
    s = new PtySession(['--config', cfg, '--host', 'lab-2', '--library', 'test/fixtures/procedures/runner-library.md'], { env, cols: 140, rows: 34 });
    await s.waitFor((t) => /lab-2.*connected/.test(t), 'the overview');
    s.press('p');
    await s.waitFor((t) => /TR-001\s+Testing\s+destructive\s+Runner Test Procedure/.test(t), 'the library');
    s.press('x');
    await s.waitFor((t) => t.includes('TR-001: [work_dir] (text)'), 'the first parameter');
    s.press(`${work}\r`);
    await s.waitFor((t) => t.includes('TR-001: [note] (text)'), 'the second parameter');
    s.press('hello e2e\r');
    await s.waitFor((t) => /MUTATING.*Step 2\. Write A File on\s+lab-2/.test(t), 'the mutating confirmation');
    s.press('y');
    await s.waitFor((t) => /DESTRUCTIVE.*Step 3\. Remove The File/.test(t) && t.includes('Type the host name'), 'the destructive confirmation');
    expect(onHost(h, `cat '${work}/mutated.txt'`)).toBe('written\n');
    s.press('lab-2\r');
    await s.waitFor((t) => t.includes('Check (Success Criteria): The folder is clean'), 'the checklist');
    expect(s.text()).toContain('note: hello e2e');
    s.press('y');
    await s.waitFor((t) => /TR-001 on lab-2 · completed/.test(t), 'the run completed');
    const runs = join(env.XDG_STATE_HOME!, 'riskctl', 'runs');
    const [file] = readdirSync(runs);
    const recs = readFileSync(join(runs, file!), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; status?: string; confirmedBy?: string });
    expect(recs.filter((r) => r.type === 'step').map((r) => r.status)).toEqual(['done', 'done', 'done']);
    expect(recs.find((r) => r.type === 'check')?.status).toBe('ticked');
    expect(onHost(h, `test -e '${work}/mutated.txt' && echo yes || echo no`).trim()).toBe('no');
    s.press('q');
    const report = await riskctl(['runs', file!.replace(/\.jsonl$/, '')], env);
    expect(report.stdout).toContain('### 3. Remove The File — ✔ done');
    expect(report.stdout).toContain('- [x] The folder is clean');
  });

  // DO-001 from the built-in library on a lab host, which is a Risk Platform host (lab/platform.sh):
  // started from the Procedures screen, every step's real output seen in the run view, the success
  // criteria answered (the health one ticked by its live check, the rest by the operator), the report
  // opened in the cockpit, and the journal read.
  it('runs the built-in DO-001 on lab-2: the lab’s real answers, a live tick, the operator’s ticks, the report', async () => {
    const lab = readLab();
    const plat = labExtras().platform;
    expect(plat.portsTaken, 'health ports taken by another program on this machine (lab.sh up warned)').toEqual([]);
    const env = cleanEnv();
    // The platform's own health URLs (what DO-001 curls): all three answer on a lab host.
    const health = (['api', 'prometheus', 'grafana'] as const).map((name) => ({ name, url: plat.health[name] }));
    const cfg = writeConfig(tempDir('proc-e2e-do'), [{ name: 'lab-2', host: labHost(2), health }]);
    // Tall enough that the whole run's output fits the run view at the checklist: nothing scrolled off.
    s = new PtySession(['--config', cfg, '--host', 'lab-2'], { env, cols: 160, rows: 200 });
    await s.waitFor((t) => /lab-2.*connected/.test(t), 'the overview');
    s.press('p');
    await s.waitFor(
      (t) => /\d+ procedures · Enter details/.test(t) && /DO-001\s+Daily Operations\s+read-only\s+Daily Health Check Procedure/.test(t),
      'the built-in library',
    );
    await select(s, 'DO-001');
    s.press('x');
    // Five read-only steps run without a question; then the success criteria. The live check answers the first.
    await s.waitFor((t) => /\[x\] All services responding \(HTTP 200\) — live check: api 200 OK .*prometheus 200 OK .*grafana 200 OK/.test(t), 'the live tick');
    const atChecklist = await s.waitFor((t) => t.includes('Check (Success Criteria): Resource utilization within thresholds'), 'the first operator item');
    const out = atChecklist.split('\n');
    // Every step ran to done, and its output is on the screen: what the lab really answers.
    TITLES.forEach((t, i) =>
      expect(
        out.some((l) => l.includes(`✔ ${i + 1}. ${t}`)),
        `step ${i + 1} done`,
      ).toBe(true),
    );
    TITLES.forEach((t, i) => expect(atChecklist).toContain(`▶ ${i + 1}. ${t} [read-only]`));
    for (const svc of lab.docker.services) {
      expect(atChecklist).toMatch(new RegExp(`^ {2,}${svc} +(running|exited) `, 'm')); // risk-platform platform status
      expect(atChecklist).toContain(`${lab.docker.project}_${svc}_1`); // docker compose ps
    }
    expect(atChecklist).toMatch(/overall: DEGRADED \(.*grafana exited.*redis unhealthy/);
    expect(atChecklist).toContain('{"status":"ok"}'); // curl :3000/health — the api container's httpd
    expect(atChecklist).toContain('Prometheus Server is Healthy.'); // curl :9090 — the lab's Prometheus
    expect(atChecklist).toContain('"database": "ok"'); // curl :3001/api/health
    expect(atChecklist).toMatch(/Load average +[\d.]+ [\d.]+ [\d.]+ +\(< \d+ cores\)/);
    expect(atChecklist).toMatch(/server: +PostgreSQL \d+/);
    expect(atChecklist).toMatch(/^ +Status: (in)?active/m); // sudo ufw status, real sudo -n
    expect(atChecklist).toContain('container grafana: grafana: ERROR failed to connect to database');
    const operator = ['Resource utilization within thresholds', 'No critical errors in logs', 'Database performance normal', 'No security alerts'];
    for (const item of operator) {
      await s.waitFor((t) => t.includes(`Check (Success Criteria): ${item}`) && !/live check [✔✘]/.test(t), item);
      s.press('y');
      await s.waitFor((t) => t.includes(`[x] ${item}`), `${item} ticked`);
    }
    await s.waitFor((t) => t.includes('DO-001 on lab-2 · completed'), 'the run completed');
    // The report, in the cockpit.
    s.press('R');
    await s.waitFor((t) => t.includes('# DO-001: Daily Health Check Procedure'), 'the report');
    const top = await readReport(s);
    expect(top).toContain('| Status | **completed** — DO-001 completed on lab-2 |');
    TITLES.forEach((t, i) => expect(top).toContain(`### ${i + 1}. ${t} — ✔ done`));
    expect(top).toContain('— no match (found nothing: `no-match`)');
    expect(top).toContain('Prometheus Server is Healthy.');
    expect(top).toMatch(/- \[x\] All services responding \(HTTP 200\) — ticked by live check: api 200 OK/);
    for (const item of operator) expect(top).toContain(`- [x] ${item} — ticked by the operator`);
    expect(top).toContain('→ #ir-004-performance-issue-response (unresolved: not in the library)');
    // The journal: five steps done, one item ticked by its live check, four by the operator, completed.
    const recs = journal(env);
    expect(recs.filter((r) => r.type === 'step').map((r) => r.status)).toEqual(['done', 'done', 'done', 'done', 'done']);
    const checks = recs.filter((r) => r.type === 'check');
    expect(checks.map((c) => [c.text, c.status, c.by])).toEqual([
      ['All services responding (HTTP 200)', 'ticked', 'live-check'],
      ...operator.map((t) => [t, 'ticked', 'operator']),
    ]);
    expect(checks[0]!.live).toMatch(/^api 200 OK .*, prometheus 200 OK .*, grafana 200 OK/);
    expect(recs.at(-1)).toMatchObject({ type: 'end', status: 'completed' });
    expect(recs[0]).toMatchObject({ type: 'run', host: 'lab-2', procedure: { id: 'DO-001' }, mode: { headless: false, readOnly: false } });
  });

  // BR-002, the guided DR test, from the built-in library as written, on a lab host that has what a
  // platform host has (lab/dr.sh): step 1 (mutating: y) makes the test folder and the Docker network,
  // step 2 (destructive: the host's name typed) restores last night's full backup — really, into the
  // lab cluster's scratch database —, step 3 counts the rows, step 4 curls the API. The recovery timer
  // started and stopped, live checks ticking the database and API items, an override with a reason,
  // and the run's report opened in the cockpit.
  it('runs the built-in BR-002 on lab-2: the confirmations, a real restore, the timer and live checks, the report', async () => {
    const lab = readLab();
    const dr = labExtras().dr;
    const p = pgLab();
    const d = lab.docker;
    const env = { ...cleanEnv(), [p.passwordEnv]: labPassword() };
    const cfg = join(tempDir('proc-e2e-br'), 'riskctl.yaml');
    writeFileSync(
      cfg,
      `hosts:
${labDbHostYaml({ name: 'lab-2', index: 1, tags: ['lab'], backups: true })}
    docker: { socket: ${d.socket} }
    health: [{ name: api, url: ${d.health.api} }, { name: prometheus, url: ${d.health.prometheus} }, { name: grafana, url: ${d.health.grafana} }]
`,
    );
    // Last night's backup is there (lab.sh up makes it; a lab left up past midnight: up again), the
    // network is not (an earlier run's), and the scratch database is empty: what the run does shows.
    expect(existsSync(dr.backup), `${dr.backup}: run bash lab/lab.sh up (a lab left up past midnight has an older one)`).toBe(true);
    removeDrNetwork();
    const su = await superuser();
    const scratch = await scratchDb(p, dr.database);
    try {
      await scratch.query('DROP SCHEMA IF EXISTS risk_platform CASCADE');
      const before = (
        await su.query(`SELECT oid::int AS oid, (SELECT count(*)::int FROM risk_platform.users) AS users FROM pg_namespace WHERE nspname = 'risk_platform'`)
      ).rows[0] as { oid: number; users: number };

      s = new PtySession(['--config', cfg, '--host', 'lab-2'], { env, cols: 160, rows: 200 });
      await s.waitFor((t) => /lab-2.*connected/.test(t), 'the overview');
      s.press('p');
      await s.waitFor((t) => /BR-002\s+Backup & Recovery\s+destructive\s+Disaster Recovery Testing Procedure/.test(t), 'the built-in library');
      await select(s, 'BR-002');
      s.press('x');
      await s.waitFor((t) => /MUTATING.*Step 1\. Prepare Test Environment on\s+lab-2/.test(t), 'the mutating confirmation');
      s.press('y');
      await s.waitFor((t) => /DESTRUCTIVE.*Step 2\. Full Recovery Simulation/.test(t) && t.includes('Type the host name'), 'the destructive confirmation');
      // Step 1 ran: the network exists in the lab engine.
      expect(dockerOut(['network', 'ls', '--filter', `name=^${dr.network}$`, '--format', '{{.Name}}'])).toBe(`${dr.network}\n`);
      s.press('lab-2\r');
      await s.waitFor((t) => t.includes('BR-002 on lab-2 · running') && !t.includes('Type the host name'), 'the run view');
      // The recovery timer, from the confirmed restore on.
      s.press('t');
      await s.waitFor((t) => t.includes('recovery timer started') && /· recovery \d+s/.test(t), 'the recovery timer running');
      // The database item ticks itself from the live check; the next item waits for the operator.
      const atChecklist = await s.waitFor(
        (t) => /\[x\] Database restored successfully — live check: risk_platform answers: \d+ tables/.test(t),
        'the database live tick',
      );
      for (const [i, t] of ['Prepare Test Environment', 'Full Recovery Simulation', 'Recovery Validation', 'Functional Testing'].entries()) {
        expect(atChecklist).toContain(`✔ ${i + 1}. ${t}`);
      }
      // The restore's own account, the timing block, the validation's counts and the API's answers, on screen.
      expect(atChecklist).toMatch(/pattern: +\/opt\/risk-platform\/backups\/full_backup_\d{8}_\*\.tar\.gz — 1 match\(es\)/);
      expect(atChecklist).toContain(`backup:   ${dr.backup} (`);
      expect(atChecklist).toContain('checksum: OK');
      expect(atChecklist).toContain(`database: restored into ${dr.database} on 127.0.0.1:${p.port} as ${dr.role}`);
      expect(atChecklist).toContain(`restored: tables 7, users ${before.users}, `);
      expect(atChecklist).toMatch(/Recovery completed in \d+ seconds/);
      expect(atChecklist).toMatch(new RegExp(`Users +${before.users}`));
      expect(atChecklist).toContain('{"api":"v1","status":"ok"}');
      const answer = async (item: string) => {
        await s!.waitFor((t) => t.includes(`Check (Recovery Testing Checklist): ${item}`), item);
        s!.press('y');
        await s!.waitFor((t) => t.includes(`[x] ${item}`), `${item} ticked`);
      };
      await answer('All services start correctly');
      await answer('User authentication works');
      await answer('Data integrity verified');
      await s.waitFor((t) => /\[x\] API endpoints responding — live check: api 200 OK/.test(t), 'the API live tick');
      // grafana refuses on the lab: the monitoring check fails, and the operator is shown why.
      await s.waitFor(
        (t) => t.includes('Check (Recovery Testing Checklist): Monitoring systems functional') && /live check ✘ .*grafana down/.test(t),
        'the failed monitoring check shown',
      );
      s.press('y');
      await s.waitFor((t) => t.includes('Check (Recovery Testing Checklist): Recovery time documented'), 'recovery time item');
      s.press('t');
      await s.waitFor((t) => /recovery \d+s \(stopped\)/.test(t), 'the recovery timer stopped');
      s.press('y');
      await answer('Issues identified and documented');
      await s.waitFor((t) => t.includes('BR-002 on lab-2 · completed'), 'the run completed');
      // Override the API live tick, with a reason.
      s.press('O');
      await s.waitFor((t) => t.includes('override which live tick?'), 'the override question');
      s.press('5 answered from the old container\r');
      await s.waitFor((t) => t.includes('overridden: API endpoints responding'), 'the override');
      // The report, in the cockpit: the restore's account, the timer, and the checklist with who ticked.
      s.press('R');
      await s.waitFor((t) => t.includes('# BR-002: Disaster Recovery Testing Procedure'), 'the report');
      const report = await readReport(s);
      expect(report).toContain('### 1. Prepare Test Environment — ✔ done');
      expect(report).toContain('### 2. Full Recovery Simulation — ✔ done');
      expect(report).toContain(`restored: tables 7, users ${before.users}, `);
      expect(report).toMatch(/Started \S+, stopped \S+: \*\*0 min \d+ s\*\*\./);
      expect(report).toMatch(/- \[x\] Database restored successfully — ticked by live check: risk_platform answers: \d+ tables/);
      expect(report).toContain(
        '- [ ] API endpoints responding — overridden by the operator: answered from the old container (the live check had ticked it: api 200 OK',
      );
      expect(report).toMatch(/- \[x\] Monitoring systems functional — ticked by the operator \(live check: .*grafana down/);
      // The runs list has it; Enter opens the same report.
      s.press('\x1b');
      await s.waitFor((t) => t.includes('BR-002 on lab-2 · completed'), 'back to the run');
      s.press('v');
      await s.waitFor((t) => /> \S+ \S+ {2}BR-002 {2}lab-2 {2}completed/.test(t), 'the runs list');
      s.press('\r');
      await s.waitFor((t) => t.includes('| Status | **completed** — BR-002 completed on lab-2 |'), 'the report from the runs list');

      // The journal: who confirmed what, every step done, the restore's exit, the timer, the checks.
      const recs = journal(env);
      const steps = recs.filter((r) => r.type === 'step');
      expect(steps.map((r) => [r.status, r.risk])).toEqual([
        ['done', 'mutating'],
        ['done', 'destructive'],
        ['done', 'read-only'],
        ['done', 'read-only'],
      ]);
      expect(steps[0]!.confirmedBy).toBeTruthy();
      expect(steps[1]!.confirmedBy).toBeTruthy();
      const restore = steps[1]!.commands!.find((c) => c.text.includes('restore-full-backup.sh'))!;
      expect(restore).toMatchObject({ risk: 'destructive', exitCode: 0 });
      expect(recs.filter((r) => r.type === 'timer').map((r) => r.action)).toEqual(['start', 'stop']);
      const checks = recs.filter((r) => r.type === 'check');
      expect(checks.filter((c) => c.by === 'live-check').map((c) => c.text)).toEqual(['Database restored successfully', 'API endpoints responding']);
      expect(checks.at(-1)).toMatchObject({ text: 'API endpoints responding', by: 'operator', overridden: true });

      // What the restore did, seen from the cluster: the scratch database holds the backup's rows; the
      // platform's own database is the same schema as before (not dropped, not replaced).
      const got = (await scratch.query('SELECT count(*)::int AS n FROM risk_platform.users')).rows[0] as { n: number };
      expect(got.n).toBe(before.users);
      const after = (await su.query(`SELECT oid::int AS oid FROM pg_namespace WHERE nspname = 'risk_platform'`)).rows[0] as { oid: number };
      expect(after.oid).toBe(before.oid);
    } finally {
      await scratch.end();
      await su.end();
    }
  });
});

/** lab.json's members these tests read beyond test/lab/lab.ts's LabInfo. */
function labExtras(): {
  platform: { portsTaken: string[]; health: Record<'api' | 'prometheus' | 'grafana', string> };
  dr: { dir: string; network: string; script: string; database: string; role: string; backup: string };
} {
  return JSON.parse(readFileSync(join(readLab().dir, 'lab.json'), 'utf8')) as ReturnType<typeof labExtras>;
}

const TITLES = ['Platform Status Verification', 'Resource Utilization Check', 'Database Health Verification', 'Security Status Review', 'Log Review'];

/** Moves the library's selection down to the procedure ID (the list starts at the top). */
async function select(p: PtySession, id: string): Promise<void> {
  const selected = (t: string) => t.split('\n').find((l) => l.startsWith('> '));
  for (let i = 0; i < 30; i++) {
    const cur = selected(p.text());
    if (cur?.startsWith(`> ${id} `)) return;
    p.press('j');
    await p.waitFor((t) => selected(t) !== cur, `the selection to move past ${cur}`);
  }
  throw new Error(`${id} not reached in the library; screen:\n${p.text()}`);
}

/** The report shown in the cockpit, page by page (PgDn) to its checklist: the text of every page seen. */
async function readReport(p: PtySession): Promise<string> {
  const pages = [p.text()];
  for (let i = 0; i < 40 && !pages.join('\n').includes('## Checklist'); i++) {
    const before = p.text();
    p.press('\x1b[6~');
    pages.push(await p.waitFor((t) => t !== before, 'the next page of the report'));
  }
  return pages.join('\n');
}

interface JournalRec {
  type: string;
  status?: string;
  risk?: string;
  text?: string;
  by?: string;
  live?: string;
  action?: string;
  overridden?: boolean;
  confirmedBy?: string;
  commands?: Array<{ text: string; risk: string; exitCode: number | null; output: string }>;
}

/** The one run's journal in this operator's state dir. */
function journal(env: Record<string, string>): JournalRec[] {
  const runs = join(env.XDG_STATE_HOME!, 'riskctl', 'runs');
  const files = readdirSync(runs).filter((f) => f.endsWith('.jsonl'));
  expect(files).toHaveLength(1);
  return readFileSync(join(runs, files[0]!), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as JournalRec);
}

function dockerOut(args: string[]): string {
  return execFileSync('docker', ['-H', `unix://${readLab().docker.socket}`, ...args], { encoding: 'utf8', timeout: 15_000 });
}

/** BR-002's step 1 creates the network; the lab engine keeps it until this (or lab.sh down) removes it. */
function removeDrNetwork(): void {
  const net = labExtras().dr.network;
  if (dockerOut(['network', 'ls', '--filter', `name=^${net}$`, '--format', '{{.Name}}']).trim()) dockerOut(['network', 'rm', net]);
}

/** The superuser on the DR test's scratch database, over the lab's socket. */
async function scratchDb(p: ReturnType<typeof pgLab>, database: string): Promise<pg.Client> {
  const c = new pg.Client({ host: p.socketDir, port: p.port, user: p.superuser, database, application_name: 'riskctl-test-check' });
  c.on('error', () => {});
  await c.connect();
  return c;
}

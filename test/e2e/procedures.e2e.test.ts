// The procedures screen in a real pseudo-terminal against a lab host: open
// the library, start a run, give its parameters, confirm the mutating step
// (y) and the destructive one (the host's name typed), tick the checklist,
// and find the run's journal and report. Then BR-002, the guided DR test.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanEnv, onHost, riskctl, tempDir, writeConfig } from '../app/cliHelpers';
import { labHost, readLab } from '../lab/lab';
import { labBackups, labPassword, pgLab } from '../services/database/pgLab';
import { PtySession } from './pty';

describe('procedures in the cockpit, in a pseudo-terminal', () => {
  let s: PtySession | null = null;
  afterEach(() => s?.kill());

  it('runs TR-001 on lab-2 with confirmations and journals it', async () => {
    const h = labHost(2);
    const env = cleanEnv();
    const cfg = writeConfig(tempDir('proc-e2e'), [{ name: 'lab-2', host: h }]);
    const work = onHost(h, 'mktemp -d /tmp/riskctl-e2e.XXXXXX').trim();
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
    const recs = readFileSync(join(runs, file!), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string; status?: string; confirmedBy?: string });
    expect(recs.filter((r) => r.type === 'step').map((r) => r.status)).toEqual(['done', 'done', 'done']);
    expect(recs.find((r) => r.type === 'check')?.status).toBe('ticked');
    expect(onHost(h, `test -e '${work}/mutated.txt' && echo yes || echo no`).trim()).toBe('no');
    s.press('q');
    const report = await riskctl(['runs', file!.replace(/\.jsonl$/, '')], env);
    expect(report.stdout).toContain('### 3. Remove The File — ✔ done');
    expect(report.stdout).toContain('- [x] The folder is clean');
  });

  // BR-002, the guided DR test, as the lab can run it (test/fixtures/procedures/dr-test-library.md:
  // the seed's checklist, its commands pointed at what a lab host has): the backup picked from the
  // host's folder, the recovery timer started and stopped, live checks ticking the database and API
  // items, an override with a reason, and the run's report opened in the cockpit.
  it('runs BR-002 on lab-2 with the timer and live checks, and opens its report in the cockpit', async () => {
    const lab = readLab();
    const h = labHost(2);
    const p = pgLab();
    const d = lab.docker;
    const env = { ...cleanEnv(), [p.passwordEnv]: labPassword() };
    const cfg = join(tempDir('proc-e2e-br'), 'riskctl.yaml');
    writeFileSync(
      cfg,
      `hosts:
  - name: lab-2
    ssh: { host: ${h.address}, port: ${h.port}, user: ${lab.user}, identityFile: ${lab.identityFile}, knownHosts: ${lab.knownHosts} }
    tags: [lab]
    postgres: { host: ${p.host}, port: ${p.port}, database: ${p.database}, user: ${p.roles.app}, passwordEnv: ${p.passwordEnv} }
    backups: { dir: ${labBackups().dir} }
    docker: { socket: ${d.socket} }
    health: [{ name: api, url: ${d.health.api} }, { name: prometheus, url: ${d.health.prometheus} }, { name: grafana, url: ${d.health.grafana} }]
`,
    );
    s = new PtySession(['--config', cfg, '--host', 'lab-2', '--library', 'test/fixtures/procedures/dr-test-library.md'], { env, cols: 150, rows: 44 });
    await s.waitFor((t) => /lab-2.*connected/.test(t), 'the overview');
    s.press('p');
    await s.waitFor((t) => /BR-002\s+Backup & Recovery\s+mutating\s+Disaster Recovery Testing Procedure/.test(t), 'the library');
    s.press('x');
    // The parameter: a pick list of the host's backups folder; ↓ puts the newest on the line.
    await s.waitFor((t) => t.includes(`BR-002: [backup_file] — a file in ${labBackups().dir}`) && !t.includes('listing '), 'the backups pick list');
    s.press('\x1b[B');
    const picked = /value: (\S+)/.exec(await s.waitFor((t) => /value: \S+/.test(t), 'a file on the input line'))![1]!;
    s.press('\r');
    await s.waitFor((t) => /MUTATING.*Step 1\. Prepare Test Environment on\s+lab-2/.test(t), 'the mutating confirmation');
    s.press('y');
    await s.waitFor((t) => t.includes('BR-002 on lab-2 · running'), 'the run view');
    s.press('t');
    await s.waitFor((t) => t.includes('recovery timer started') && /· recovery \d+s/.test(t), 'the recovery timer running');
    // The database item ticks itself from the live check; the next item waits for the operator.
    await s.waitFor((t) => /\[x\] Database restored successfully — live check: risk_platform answers: \d+ tables/.test(t), 'the database live tick');
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
    await s.waitFor((t) => t.includes('Check (Recovery Testing Checklist): Monitoring systems functional') && /live check ✘ .*grafana down/.test(t), 'the failed monitoring check shown');
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
    // The report, in the cockpit: its end has the timer, the links and the checklist with who ticked.
    s.press('R');
    await s.waitFor((t) => t.includes('# BR-002: Disaster Recovery Testing Procedure') && t.includes(`\`${labBackups().dir}/${picked}\``), 'the report');
    s.press('G');
    const end = await s.waitFor((t) => t.includes('## Checklist'), 'the end of the report');
    expect(end).toMatch(/Started \S+, stopped \S+: \*\*0 min \d+ s\*\*\./);
    expect(end).toMatch(/- \[x\] Database restored successfully — ticked by live check: risk_platform answers: \d+ tables/);
    expect(end).toContain('- [ ] API endpoints responding — overridden by the operator: answered from the old container (the live check had ticked it: api 200 OK');
    expect(end).toMatch(/- \[x\] Monitoring systems functional — ticked by the operator \(live check: .*grafana down/);
    expect(end).toContain('- Security Incident Response → #ir-004-security-incident-response (unresolved: not in the library)');
    // The runs list has it; Enter opens the same report.
    s.press('\x1b');
    await s.waitFor((t) => t.includes('BR-002 on lab-2 · completed'), 'back to the run');
    s.press('v');
    await s.waitFor((t) => /> \S+ \S+ {2}BR-002 {2}lab-2 {2}completed/.test(t), 'the runs list');
    s.press('\r');
    await s.waitFor((t) => t.includes('| Status | **completed** — BR-002 completed on lab-2 |'), 'the report from the runs list');
    const runs = join(env.XDG_STATE_HOME!, 'riskctl', 'runs');
    const [file] = readdirSync(runs);
    const checks = readFileSync(join(runs, file!), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string; text?: string; by?: string; overridden?: boolean }).filter((r) => r.type === 'check');
    expect(checks.filter((c) => c.by === 'live-check').map((c) => c.text)).toEqual(['Database restored successfully', 'API endpoints responding']);
    expect(checks.at(-1)).toMatchObject({ text: 'API endpoints responding', by: 'operator', overridden: true });
  });
});

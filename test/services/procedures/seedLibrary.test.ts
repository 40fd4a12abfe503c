import { describe, expect, it } from 'vitest';
import { unresolvedLinks } from '../../../src/services/procedures/links';
import { byId, commandsOf, parseSeed, SEED, seedLibrary } from './seed';

/** The seed's procedures with their step counts, as the team wrote them. */
const EXPECTED: Array<[string, string, string, number]> = [
  ['DO-001', 'Daily Health Check Procedure', 'Daily Operations', 5],
  ['DO-002', 'User Access Review Procedure', 'Daily Operations', 4],
  ['IR-001', 'Security Incident Response', 'Incident Response', 8],
  ['IR-002', 'Service Down Response', 'Incident Response', 4],
  ['IR-003', 'Database Emergency Response', 'Incident Response', 4],
  ['DP-001', 'Production Deployment Procedure', 'Deployment Procedures', 8],
  ['DP-002', 'Hotfix Deployment Procedure', 'Deployment Procedures', 3],
  ['SO-001', 'Security Audit Procedure', 'Security Operations', 5],
  ['SO-002', 'Certificate Management Procedure', 'Security Operations', 4],
  ['BR-001', 'Daily Backup Procedure', 'Backup & Recovery', 4],
  ['BR-002', 'Disaster Recovery Testing Procedure', 'Backup & Recovery', 4],
  ['PM-001', 'Performance Monitoring Procedure', 'Performance Management', 3],
  ['PM-002', 'Performance Optimization Procedure', 'Performance Management', 3],
  ['MA-001', 'Alert Response Procedure', 'Monitoring & Alerting', 4],
  ['MA-002', 'Dashboard Management Procedure', 'Monitoring & Alerting', 3],
  ['CO-001', 'SOC2 Evidence Collection Procedure', 'Compliance Operations', 4],
  ['CO-002', 'GDPR Compliance Review Procedure', 'Compliance Operations', 3],
  ['EP-001', 'Emergency Shutdown Procedure', 'Emergency Procedures', 4],
  ['EP-002', 'Emergency Recovery Procedure', 'Emergency Procedures', 3],
  ['MO-001', 'Weekly Maintenance Procedure', 'Maintenance Operations', 8],
  ['MO-002', 'Monthly Maintenance Procedure', 'Maintenance Operations', 3],
];

describe('the seed library, loaded as it is', () => {
  const lib = seedLibrary();

  it('has the 21 procedures with their IDs, titles, categories and step counts', () => {
    expect(lib.procedures.map((p) => [p.id, p.title, p.category, p.steps.length])).toEqual(EXPECTED);
  });

  it('numbers steps as written, continuing across phases', () => {
    const ir1 = byId(lib, 'IR-001');
    expect(ir1.steps.map((s) => [s.number, s.phase])).toEqual([
      [1, 'Immediate Response (0-15 minutes)'],
      [2, 'Immediate Response (0-15 minutes)'],
      [3, 'Immediate Response (0-15 minutes)'],
      [4, 'Investigation Phase (15 minutes - 4 hours)'],
      [5, 'Investigation Phase (15 minutes - 4 hours)'],
      [6, 'Recovery Phase (4-24 hours)'],
      [7, 'Recovery Phase (4-24 hours)'],
      [8, 'Post-Incident (24-72 hours)'],
    ]);
    expect(ir1.steps[1]!.title).toBe('Containment Actions');
  });

  it('keeps sections in order with their kinds', () => {
    expect(byId(lib, 'DO-001').sections.map((s) => [s.label, s.kind])).toEqual([
      ['Purpose', 'purpose'],
      ['Frequency', 'frequency'],
      ['Prerequisites', 'prerequisites'],
      ['Procedure', 'phase'],
      ['Success Criteria', 'success'],
      ['Escalation', 'escalation'],
      ['Documentation', 'documentation'],
    ]);
    expect(byId(lib, 'DO-001').sections[1]!.text).toBe('Daily (Monday-Friday, 9:00 AM)');
    expect(byId(lib, 'MO-001').sections.map((s) => s.label)).toEqual(['Purpose', 'Schedule', 'Pre-Maintenance', 'Maintenance Tasks', 'Post-Maintenance']);
  });

  it('reports DO-001’s link to IR-004 as unresolved and resolves the others', () => {
    const do1 = byId(lib, 'DO-001');
    expect(do1.links.map((l) => [l.target, l.procedure])).toEqual([
      ['ir-002-service-down-response', 'IR-002'],
      ['ir-004-performance-issue-response', null],
      ['ir-001-security-incident-response', 'IR-001'],
    ]);
    expect(unresolvedLinks(do1)[0]!.source).toEqual({ file: SEED, line: 101 });
  });

  it('turns BR-002’s recovery testing checklist into unticked items, and success criteria into checklist items', () => {
    const br2 = byId(lib, 'BR-002').checklist;
    expect(br2).toHaveLength(8);
    expect(br2.every((c) => c.checked === false && c.section === 'Recovery Testing Checklist')).toBe(true);
    expect(br2[4]!.text).toBe('API endpoints responding');
    expect(byId(lib, 'DO-001').checklist.map((c) => c.text)).toContain('All services responding (HTTP 200)');
  });

  it('reads a multi-line psql -c, a for loop and a here-document each as ONE command', () => {
    const do2 = commandsOf(byId(lib, 'DO-002'));
    expect(do2).toHaveLength(4);
    expect(do2[0]!.text).toMatch(/^docker compose .* -c "\nSELECT[\s\S]*NULLS LAST;"$/);
    expect(do2[0]!.instructions).toEqual(['Generate user access report']);
    const pm1 = byId(lib, 'PM-001').steps[2]!;
    expect(pm1.blocks).toHaveLength(1);
    const loop = commandsOf({ ...byId(lib, 'PM-001'), steps: [pm1] });
    expect(loop).toHaveLength(1);
    expect(loop[0]!.text).toMatch(/^for endpoint in health status; do[\s\S]*EOF\ndone$/);
    const ep1 = commandsOf(byId(lib, 'EP-001')).at(-1)!;
    expect(ep1.text).toMatch(/^cat > .*<< EOF\nEmergency Shutdown Log[\s\S]*\[RECOVERY_STEPS\]\nEOF$/);
  });

  it('keeps comment lines as instructions and trailing ones as notes', () => {
    const step2 = byId(lib, 'DO-001').steps[1]!;
    const block = step2.blocks[0]!;
    expect(block.kind).toBe('shell');
    if (block.kind !== 'shell') return;
    expect(block.commands.map((c) => [c.text, c.instructions])).toEqual([['risk-platform performance monitor', ['Check system resources']]]);
    expect(block.notes.map((n) => n.text)).toEqual(['Review key metrics:', '- CPU usage < 70%', '- Memory usage < 80%', '- Disk usage < 85%', '- Load average < number of CPU cores']);
  });

  it('gives a block of comments only, and a step of bullets, as manual work', () => {
    const ma2 = byId(lib, 'MA-002').steps[0]!.blocks[0]!;
    expect(ma2.kind).toBe('manual');
    const ir1 = byId(lib, 'IR-001').steps[4]!.blocks;
    expect(ir1).toEqual([expect.objectContaining({ kind: 'manual', instructions: expect.arrayContaining([expect.objectContaining({ text: 'Assess business impact' })]) })]);
  });

  it('labels the variants inside a step', () => {
    expect(byId(lib, 'IR-002').steps[2]!.blocks.map((b) => b.label)).toEqual(['Standard Recovery', 'If Standard Recovery Fails', 'If Container Issues Persist']);
  });

  it('finds the parameters, typed from their names', () => {
    const params = (id: string) => byId(lib, id).parameters.map((p) => [p.name, p.type, p.env]);
    expect(params('IR-001')).toEqual([
      ['suspicious_ip', 'ip', 'RISKCTL_P_SUSPICIOUS_IP'],
      ['compromised_email', 'email', 'RISKCTL_P_COMPROMISED_EMAIL'],
      ['backup_file', 'backup-file', 'RISKCTL_P_BACKUP_FILE'],
    ]);
    expect(params('IR-002')).toEqual([['service_name', 'service', 'RISKCTL_P_SERVICE_NAME']]);
    expect(params('EP-001')).toEqual([
      ['reason', 'lines', 'RISKCTL_P_REASON'],
      ['recovery_steps', 'lines', 'RISKCTL_P_RECOVERY_STEPS'],
    ]);
    expect(params('MO-001').map((p) => p[0])).toEqual(['list_any_issues', 'list_follow_up_actions']);
    // `[[ $days_left -lt 30 ]]`, `{1..15}`, grep patterns and comments are not parameters.
    for (const id of ['SO-002', 'IR-002', 'DO-001', 'MA-002']) expect(byId(lib, id).parameters.every((p) => p.name !== 'days_left' && p.name !== 'check_secrets_file')).toBe(true);
    expect(byId(lib, 'SO-002').parameters).toEqual([]);
  });

  it('records where the compromised e-mail sits: a SQL string inside psql -c "…"', () => {
    const uses = byId(lib, 'IR-001').parameters.find((p) => p.name === 'compromised_email')!.uses;
    expect(uses.map((u) => [u.context, u.quoting, u.line])).toEqual([
      ['sql-string', 'double', 227],
      ['sql-string', 'double', 232],
    ]);
  });

  it('names file:line for every command and a stable hash per procedure', () => {
    const first = commandsOf(byId(lib, 'DO-001'))[0]!;
    expect(first.source).toEqual({ file: SEED, line: 36 });
    expect(byId(lib, 'DO-001').source.line).toBe(20);
    expect(byId(lib, 'DO-001').hash).toMatch(/^[0-9a-f]{64}$/);
    expect(parseSeed().procedures.map((p) => p.hash)).toEqual(lib.procedures.map((p) => p.hash));
  });
});

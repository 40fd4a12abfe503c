/**
 * `riskctl procedures`, the headless contract: the command line run in this
 * process, and the built bin once, from another working folder.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, riskctlInProcess, tempDir } from '../../app/cliHelpers';
import { REPO, SEED, seedText } from './seed';

const json = <T>(s: string): T => JSON.parse(s) as T;

interface ListOut {
  files: string[];
  procedures: Array<{ id: string; title: string; category: string; steps: number; source: string; maxRisk: string; commands: number; commandsByRisk: Record<string, number>; parameters: string[]; unresolvedLinks: Array<{ target: string }> }>;
  notes: string[];
}

describe('riskctl procedures', () => {
  it('lists the built-in library', async () => {
    const r = await riskctlInProcess(['procedures', '--json'], cleanEnv());
    expect(r.code).toBe(0);
    const out = json<ListOut>(r.stdout);
    expect(out.procedures).toHaveLength(21);
    expect(out.files.every((f) => f.startsWith(resolve(REPO, 'procedures')))).toBe(true);
    const do1 = out.procedures[0]!;
    expect(do1).toMatchObject({ id: 'DO-001', title: 'Daily Health Check Procedure', category: 'Daily Operations', steps: 5, maxRisk: 'read-only', source: 'procedures/01-daily-operations.md:7' });
    expect(do1.unresolvedLinks.map((l) => l.target)).toEqual(['ir-004-performance-issue-response']);
    expect(out.procedures.find((p) => p.id === 'IR-002')!.parameters).toEqual(['service_name']);
    const text = await riskctlInProcess(['procedures'], cleanEnv());
    expect(text.stdout).toMatch(/^ID\s+TITLE\s+CATEGORY\s+STEPS\s+MAX RISK/);
    expect(text.stdout).toContain('unresolved: #ir-004-performance-issue-response');
  });

  it('shows one procedure in full', async () => {
    const r = await riskctlInProcess(['procedures', 'ir-001', '--json'], cleanEnv());
    expect(r.code).toBe(0);
    const p = json<{
      id: string;
      purpose: string;
      steps: Array<{ number: number; title: string; risk: string; blocks: Array<{ kind: string; commands: Array<{ text: string; risk: string; asRun?: string; bound?: { text: string; params: string[] } }>; instructions?: string[] }> }>;
      parameters: Array<{ name: string; type: string; env: string }>;
      checklist: unknown[];
      links: unknown[];
    }>(r.stdout);
    expect(p.id).toBe('IR-001');
    expect(p.purpose).toBe('Respond to security incidents and potential breaches');
    expect(p.steps.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const step2 = p.steps[1]!;
    expect(step2.risk).toBe('destructive');
    expect(step2.blocks.map((b) => b.kind)).toEqual(['shell', 'sql']);
    expect(step2.blocks[0]!.commands[0]).toMatchObject({ text: 'sudo ufw deny from [suspicious_ip]', risk: 'mutating', asRun: 'sudo ufw deny from "${RISKCTL_P_SUSPICIOUS_IP}"' });
    expect(step2.blocks[1]!.commands[1]!.bound).toEqual({ text: expect.stringContaining('WHERE email = $1);'), params: ['compromised_email'] });
    expect(p.steps[4]!.blocks[0]!.kind).toBe('manual');
    expect(p.parameters).toEqual([
      expect.objectContaining({ name: 'suspicious_ip', type: 'ip', env: 'RISKCTL_P_SUSPICIOUS_IP' }),
      expect.objectContaining({ name: 'compromised_email', type: 'email' }),
      expect.objectContaining({ name: 'backup_file', type: 'backup-file' }),
    ]);
    const text = await riskctlInProcess(['procedures', 'BR-002'], cleanEnv());
    expect(text.stdout).toContain('Recovery Testing Checklist\n  [ ] Database restored successfully');
    expect(text.stdout).toContain('[destructive] /opt/risk-platform/scripts/disaster-recovery/restore-full-backup.sh "$BACKUP_FILE"');
  });

  it('shows each step’s branches and alternatives, in text and in --json', async () => {
    const r = await riskctlInProcess(['procedures', 'IR-002', '--library', SEED, '--json'], cleanEnv());
    expect(r.code).toBe(0);
    type BlockOut = { kind: string; label: string | null; flow: string; choice: number | null; onError: string | null; commands: Array<{ text: string }>; attributes?: { onError: string | null } };
    const steps = json<{ steps: Array<{ number: number; blocks: BlockOut[] }> }>(r.stdout).steps;
    expect(steps[1]!.blocks.map((b) => [b.kind, b.label, b.flow, b.choice])).toEqual([
      ['shell', 'For API Service', 'alternative', 1],
      ['shell', 'For Database Service', 'alternative', 1],
      ['shell', 'For Redis Service', 'alternative', 1],
    ]);
    expect(steps[2]!.blocks.map((b) => [b.label, b.flow, b.choice, b.onError, b.commands.length])).toEqual([
      ['Standard Recovery', 'plain', null, null, 3],
      ['If Standard Recovery Fails', 'branch', null, null, 4],
      ['If Container Issues Persist', 'branch', null, null, 2],
    ]);
    expect(steps[2]!.blocks[1]!.attributes!.onError).toBeNull();
    const text = await riskctlInProcess(['procedures', 'IR-002', '--library', SEED], cleanEnv());
    expect(text.stdout).toContain('     Standard Recovery:\n');
    expect(text.stdout).toContain('     [branch] If Standard Recovery Fails: asked before it runs, not run unless taken\n');
    expect(text.stdout).toContain('     [choice 1] For Redis Service: alternative 3 of 3, run only when picked\n');
  });

  it('reads only the --library files, the seed as it is', async () => {
    const r = await riskctlInProcess(['procedures', '--library', SEED, '--json'], cleanEnv());
    expect(r.code).toBe(0);
    const out = json<ListOut>(r.stdout);
    expect(out.files).toEqual([SEED]);
    expect(out.procedures.map((p) => p.id)).toHaveLength(21);
    expect(out.procedures[0]!.source).toMatch(/ops-procedures-library\.md:20$/);
    const one = await riskctlInProcess(['procedures', 'DO-001', '--library', SEED, '--json'], cleanEnv());
    const links = json<{ links: Array<{ target: string; resolved: boolean; procedure: string | null }> }>(one.stdout).links;
    expect(links.filter((l) => !l.resolved)).toEqual([expect.objectContaining({ target: 'ir-004-performance-issue-response', procedure: null })]);
  });

  it('takes --library more than once, and the config’s procedures: files after the built-in ones', async () => {
    const dir = tempDir('procs');
    writeFileSync(join(dir, 'extra.md'), '## Extra\n\n### EX-001: Extra Check\n\n**Procedure:**\n\n1. **Look**\n   ```bash\n   uptime\n   ```\n');
    const both = await riskctlInProcess(['procedures', '--library', SEED, '--library', join(dir, 'extra.md'), '--json'], cleanEnv());
    expect(json<ListOut>(both.stdout).procedures.map((p) => p.id).slice(-1)).toEqual(['EX-001']);
    mkdirSync(join(dir, 'ops'));
    cpSync(join(dir, 'extra.md'), join(dir, 'ops', 'library.md'));
    writeFileSync(join(dir, 'riskctl.yaml'), 'hosts:\n  - name: local\n    local: true\nprocedures: [./ops/library.md]\n');
    const cfg = await riskctlInProcess(['procedures', '--config', join(dir, 'riskctl.yaml'), '--json'], cleanEnv());
    expect(cfg.code).toBe(0);
    const ids = json<ListOut>(cfg.stdout).procedures.map((p) => p.id);
    expect(ids).toHaveLength(22);
    expect(ids.at(-1)).toBe('EX-001');
  });

  it('finds the built-in library beside the bundle from any working folder', async () => {
    const r = await new Promise<{ code: number; stdout: string }>((done) => {
      execFile(process.execPath, [resolve(REPO, 'dist/riskctl.mjs'), 'procedures', '--json'], { cwd: tempDir('cwd'), env: { ...process.env, ...cleanEnv() } }, (err, stdout) =>
        done({ code: err ? Number(err.code) : 0, stdout }),
      );
    });
    expect(r.code).toBe(0);
    expect(json<ListOut>(r.stdout).procedures).toHaveLength(21);
  });

  it.each([
    ['an unknown ID, with close ones', ['procedures', 'DO-01'], /unknown procedure "DO-01" \(did you mean DO-001, DO-002/],
    ['a missing library', ['procedures', '--library', '/nonexistent/lib.md'], /\/nonexistent\/lib\.md: no such file/],
    ['two IDs', ['procedures', 'DO-001', 'DO-002'], /unexpected argument 'DO-002'/],
  ])('%s → exit 2', async (_name, args, message) => {
    const r = await riskctlInProcess(args, cleanEnv());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a malformed library → exit 2 naming file:line', async () => {
    const file = join(tempDir('bad'), 'bad.md');
    writeFileSync(file, seedText().replace('   risk-platform platform status\n', '   psql -c "SELECT 1;\n'));
    const r = await riskctlInProcess(['procedures', '--library', file], cleanEnv());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^riskctl: ${file}:\\d+: unterminated " quote`));
    expect(r.stdout).toBe('');
  });
});

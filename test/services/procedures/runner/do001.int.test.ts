// DO-001 from the built-in library, headless on a lab host. The lab has no
// `risk-platform` CLI or compose plugin, so its first step fails there: the
// run must say which command failed and why, record every command of the
// step with its own exit code, and still render a report.
import { describe, expect, it } from 'vitest';
import { labHost } from '../../../lab/lab';
import { cleanEnv, riskctl, tempDir, writeConfig } from '../../../app/cliHelpers';

describe('riskctl run DO-001 on a lab host', () => {
  it('runs step 1 in one shell, records each command, stops on the failure, renders the report', async () => {
    const cfg = writeConfig(tempDir('do001'), [{ name: 'lab-2', host: labHost(2) }]);
    const env = cleanEnv();
    const r = await riskctl(['run', 'DO-001', '--host', 'lab-2', '--config', cfg, '--json'], env, 90_000);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout) as { runId: string; status: string; message: string; steps: Array<{ number: number; status: string; exitCode: number | null }> };
    expect(j.status).toBe('failed');
    expect(j.steps).toEqual([{ number: 1, title: 'Platform Status Verification', status: 'failed', risk: 'read-only', exitCode: 127, reason: 'exit code 127: risk-platform platform status' }]);
    const runs = await riskctl(['runs', j.runId, '--json'], env);
    const run = JSON.parse(runs.stdout) as { stepRecords: Array<{ commands: Array<{ text: string; exitCode: number | null; output: string }> }> };
    const cmds = run.stepRecords[0]!.commands;
    expect(cmds[0]).toMatchObject({ text: 'risk-platform platform status', exitCode: 127 });
    expect(cmds[0]!.output).toContain('risk-platform: not found');
    // The later checks of the step still ran, each with its own exit code.
    expect(cmds.length).toBeGreaterThan(2);
    expect(cmds.every((c) => typeof c.exitCode === 'number')).toBe(true);
    const report = await riskctl(['runs', j.runId], env);
    expect(report.stdout).toContain('# DO-001: Daily Health Check Procedure');
    expect(report.stdout).toContain('### 1. Platform Status Verification — ✘ failed');
    expect(report.stdout).toContain('Command (read-only) — exit 127');
    // DO-001's escalation link to IR-004 leads nowhere in the library, and the report says so.
    expect(report.stdout).toContain('→ #ir-004-performance-issue-response (unresolved: not in the library)');
  });
});

// What the lab gives BR-002 (lab/dr.sh), seen as the lab user on a lab host: the DR test folder
// they may create things in, last night's full backup made from the lab database (checksum,
// contents), and the restore script's stand-in — which refuses what it must refuse, and whose role
// reaches nothing of the platform's own database. The restore itself is BR-002's e2e test.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { onHost } from '../app/cliHelpers';
import { labHost, readLab } from './lab';

interface Dr {
  dir: string;
  network: string;
  script: string;
  database: string;
  role: string;
  backup: string;
}
const dr = (): Dr => (JSON.parse(readFileSync(join(readLab().dir, 'lab.json'), 'utf8')) as { dr: Dr }).dr;
/** A command's output and exit code on lab-2, as the lab user (onHost throws on a non-zero exit). */
const run = (cmd: string): { out: string; code: number } => {
  const out = onHost(labHost(2), `( ${cmd} ) 2>&1; echo "rc=$?"`);
  const m = /rc=(\d+)\n$/.exec(out)!;
  return { out: out.slice(0, m.index), code: Number(m[1]) };
};

describe('the lab’s DR test stand-ins (lab/dr.sh)', () => {
  it('has last night’s full backup, made from the lab database, beside its checksum', () => {
    const d = dr();
    // The seed's own pattern finds it, as BR-002's step 2 builds it on the host (a lab left up past midnight: up again).
    const found = run(`ls /opt/risk-platform/backups/full_backup_$(date -d '1 day ago' +%Y%m%d)_*.tar.gz`);
    expect(found).toEqual({ out: `${d.backup}\n`, code: 0 });
    const day = /full_backup_(\d{8})_020000\.tar\.gz$/.exec(d.backup)![1]!;
    expect(run(`cd /opt/risk-platform/backups && sha256sum -c full_backup_${day}_020000.sha256`)).toEqual({
      out: `full_backup_${day}_020000.tar.gz: OK\n`,
      code: 0,
    });
    const list = execFileSync('tar', ['-tzf', d.backup], { encoding: 'utf8' }).split('\n');
    expect(list).toEqual(expect.arrayContaining(['MANIFEST', 'database/risk_platform.dump', 'configs/docker-compose.yml']));
    const toc = execFileSync('sh', ['-c', 'tar -xzOf "$1" database/risk_platform.dump | pg_restore -l', 'sh', d.backup], { encoding: 'utf8' });
    expect(toc).toMatch(/TABLE risk_platform users/);
    expect(toc).toMatch(/TABLE DATA risk_platform audit_log/);
  });

  it('lets the lab user create things in the DR test folder, and nowhere else in /opt', () => {
    const d = dr();
    const sub = `${d.dir}/riskctl-test-${process.pid}`;
    expect(run(`mkdir -p '${sub}' && rmdir '${sub}'`)).toEqual({ out: '', code: 0 });
    expect(run('mkdir -p /opt/riskctl-not-the-lab-user-s').code).not.toBe(0);
  });

  it('the restore script refuses a backup that is not there, and the platform’s own database as its target', () => {
    const d = dr();
    const none = run(`'${d.script}' '/opt/risk-platform/backups/full_backup_19990101_*.tar.gz'`);
    expect(none.code).toBe(2);
    expect(none.out).toContain('no backup matches /opt/risk-platform/backups/full_backup_19990101_*.tar.gz');
    // A platform.env naming risk_platform as the DR database: refused before anything is read.
    const env = run(
      `f=$(mktemp) && sed 's/^DR_DATABASE=.*/DR_DATABASE=risk_platform/' /opt/risk-platform/platform.env >"$f" && RISK_PLATFORM_ENV="$f" '${d.script}' '${d.backup}'; rc=$?; rm -f "$f"; exit $rc`,
    );
    expect(env.code).toBe(1);
    expect(env.out).toContain('restore FAILED: the DR test never restores into risk_platform');
    expect(run(`'${d.script}'`).code).toBe(2);
  });

  it('the DR role reaches nothing of the platform’s database', () => {
    const d = dr();
    const r = run(
      `. /opt/risk-platform/platform.env && PGPASSFILE=$PGPASSFILE psql -X -w -h "$PGHOST" -p "$PGPORT" -U '${d.role}' -d risk_platform -c 'SELECT count(*) FROM risk_platform.users'`,
    );
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/password|permission denied/);
  });
});

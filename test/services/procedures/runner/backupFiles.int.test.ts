// The backup-file pick list on a lab host: the folder's name travels as $DIR,
// so a hostile folder name is only a name — no canary file appears.
import { afterAll, describe, expect, it } from 'vitest';
import type { HostConfig } from '../../../../src/hosts/HostConfig';
import { SshHost } from '../../../../src/hosts/SshHost';
import { listBackupFiles } from '../../../../src/services/procedures/runner/backupFiles';
import { hostWorkDir, onHost, tempDir } from '../../../app/cliHelpers';
import { labHost, labSshConfig } from '../../../lab/lab';

const h = labHost(2);
const cfg: HostConfig = labSshConfig(h, 'backupFiles.int.test.ts');
const host = new SshHost(cfg, { ownKnownHostsFile: `${tempDir('bk')}/own_known_hosts`, agentSocket: null });
afterAll(() => host.close());

describe('listBackupFiles on a lab host', () => {
  it('lists the folder newest first, one level down too, and a hostile folder name runs nothing', async () => {
    const base = hostWorkDir(h, 'bk');
    const name = "it's $(touch riskctl-canary) `touch riskctl-canary2`; dir";
    const dir = `${base}/${name}`;
    onHost(h, `d="$(printf '%s' '${Buffer.from(dir).toString('base64')}' | base64 -d)"; mkdir -p "$d/database" && cd "$d" && echo a > old.tar.gz && touch -d '2 days ago' old.tar.gz && echo b > new.tar.gz && echo c > database/db.dump && touch 'bad name.gz'`);
    await host.connect();
    const files = await listBackupFiles(host, dir);
    expect(files.map((f) => f.name).sort()).toEqual(['database/db.dump', 'new.tar.gz', 'old.tar.gz']);
    expect(files.at(-1)!.name).toBe('old.tar.gz');
    expect(files.find((f) => f.name === 'new.tar.gz')!.size).toBe(2);
    // The command ran in the login folder: no canary there, none beside the folder.
    expect(onHost(h, `ls -A '${base}'; ls -A ~ | grep -c riskctl-canary || true`).trim().split('\n')).toEqual([name, '0']);
    await expect(listBackupFiles(host, `${base}/missing`)).rejects.toThrow(`no such folder: ${base}/missing`);
  });
});

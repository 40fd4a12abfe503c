import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { labHost, readLab, type LabHost } from '../lab/lab';
import { cleanEnv, onHost, riskctl, tempDir, writeConfig } from './cliHelpers';

interface Report {
  hosts: Array<{
    name: string;
    network?: Array<{ interface: string; rxBytesPerSecond: number | null; txBytesPerSecond: number | null; rxErrors: number; txErrors: number }> | null;
    diskIo?: Array<{
      device: string;
      readBytesPerSecond: number | null;
      writeBytesPerSecond: number | null;
      iops: number | null;
      busyPercent: number | null;
    }> | null;
  }>;
}

const MiB = 1024 * 1024;

async function statusOf(host: LabHost, name: string): Promise<Report['hosts'][number]> {
  const cfg = writeConfig(tempDir('io'), [{ name, host }]);
  const r = await riskctl(['status', '--json', '--config', cfg], cleanEnv());
  expect(r.stderr).toBe('');
  return (JSON.parse(r.stdout) as Report).hosts[0]!;
}

/** The whole disk under a path on the lab host (this machine): its filesystem's source, or that partition's disk. */
function diskUnder(host: LabHost, path: string): string {
  const source = onHost(host, `findmnt -no SOURCE -T ${path}`).trim();
  const m = /^\/dev\/([A-Za-z0-9_-]+)$/.exec(source);
  if (!m) throw new Error(`${path} on ${host.name} is on ${source}, not a block device: the disk I/O test needs one`);
  // A partition's sysfs folder sits inside its disk's.
  return onHost(host, `p=/sys/class/block/${m[1]}; if [ -e $p/partition ]; then basename "$(dirname "$(readlink -f $p)")"; else echo ${m[1]}; fi`).trim();
}

describe('riskctl status --json: network and disk I/O', () => {
  it('a file copied over loopback shows on lo, in both directions', { timeout: 90_000 }, async () => {
    const host = labHost(2);
    const lab = readLab();
    const file = onHost(host, 'f=$(mktemp) && truncate -s 300M "$f" && echo "$f"').trim();
    // scp from the lab host to this machine over 127.0.0.x, held to 40 Mbit/s (5 MB/s) so it lasts the whole reading.
    const copy = spawn(
      'scp',
      [
        '-q',
        '-l',
        '40000',
        '-i',
        lab.identityFile,
        '-o',
        'BatchMode=yes',
        '-o',
        `UserKnownHostsFile=${lab.knownHosts}`,
        '-P',
        String(host.port),
        `${lab.user}@${host.address}:${file}`,
        '/dev/null',
      ],
      { stdio: 'ignore' },
    );
    try {
      await new Promise((r) => setTimeout(r, 1500));
      expect(copy.exitCode, 'scp still copying').toBeNull();
      const h = await statusOf(host, 'lab-2');
      const lo = h.network?.find((i) => i.interface === 'lo');
      expect(lo, JSON.stringify(h.network)).toBeDefined();
      // Each byte crosses lo once each way (it is both ends): received and sent alike.
      expect(lo!.rxBytesPerSecond).toBeGreaterThan(MiB);
      expect(lo!.txBytesPerSecond).toBeGreaterThan(MiB);
      expect(Object.keys(lo!)).toEqual(expect.arrayContaining(['interface', 'rxBytesPerSecond', 'txBytesPerSecond', 'rxErrors', 'txErrors']));
    } finally {
      copy.kill();
      onHost(host, `rm -f ${file}`);
    }
  });

  it('writing a file with dd oflag=direct shows on the disk under it', { timeout: 90_000 }, async () => {
    const host = labHost(3);
    const dir = onHost(host, 'mktemp -d').trim();
    const device = diskUnder(host, dir);
    // dd again and again until killed, so the writes span the whole reading; it ends itself after a minute.
    // Its own process group (setsid), so the kill below ends the dd in flight too.
    const pid = onHost(
      host,
      `nohup setsid sh -c 'end=$(($(date +%s) + 60)); while [ $(date +%s) -lt $end ]; do dd if=/dev/zero of=${dir}/f bs=1M count=200 oflag=direct 2>/dev/null; done' >/dev/null 2>&1 </dev/null & echo $!`,
    ).trim();
    try {
      await new Promise((r) => setTimeout(r, 1000));
      const h = await statusOf(host, 'lab-3');
      const d = h.diskIo?.find((x) => x.device === device);
      expect(d, `${device} in ${JSON.stringify(h.diskIo)}`).toBeDefined();
      expect(d!.writeBytesPerSecond).toBeGreaterThan(MiB);
      expect(d!.iops).toBeGreaterThan(0);
      expect(d!.busyPercent).toBeGreaterThan(0);
      expect(Object.keys(d!)).toEqual(expect.arrayContaining(['device', 'readBytesPerSecond', 'writeBytesPerSecond', 'iops', 'busyPercent']));
      expect(h.diskIo!.some((x) => /^(loop|ram)\d/.test(x.device))).toBe(false);
    } finally {
      onHost(host, `kill -- -${pid} 2>/dev/null; sleep 0.2; rm -rf ${dir}`);
    }
  });
});

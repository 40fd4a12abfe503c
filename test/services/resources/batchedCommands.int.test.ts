// The alerts' host facts run batched with the resources polls, on a lab host
// (real sshd, LogLevel VERBOSE): the facts arrive, a hostile backups folder
// name stays a name, and sshd starts one exec session for the facts the next
// sample finds queued; the polls go through the sampler's one session.
// Without a poll to batch them, the facts still arrive through their own exec.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../../src/hosts/Host';
import { readHostFacts } from '../../../src/services/hostFacts/hostFacts';
import { createLiveStore } from '../../../src/services/liveStore';
import { BatchedCommandQueue } from '../../../src/services/resources/BatchedCommandQueue';
import { resourcesPoller } from '../../../src/services/resourcesPoller';
import { readLab, type LabHost } from '../../lab/lab';
import { clientPort, execCount } from '../../lab/sshdSessions';
import { labConfigs, labHosts } from '../docker/dockerLab';

const NAME = 'lab-2';
const CERT_FIXTURE = new URL('../../fixtures/certs/risk-platform.local.crt', import.meta.url);

describe('host facts run batched in the resources exec (lab-2)', () => {
  let hosts: Map<string, Host>;
  let host: Host;
  let lab: LabHost;
  let port: string;
  const root = mkdtempSync(join(os.tmpdir(), 'riskctl-batch-int-'));
  // A name has no slash: an injected `touch` would leave the canary where the
  // host's commands run, the lab user's home (which it can write to).
  const canaryName = `riskctl-canary-${process.pid}`;
  const canary = join(execFileSync('getent', ['passwd', readLab().user], { encoding: 'utf8' }).split(':')[5]!, canaryName);
  const hostile = `bk'"; touch ${canaryName}; $(touch ${canaryName}) \`touch ${canaryName}\`\n;touch ${canaryName} #`;
  const backups = join(root, hostile);
  const cert = join(backups, 'risk platform $(touch x).crt');
  const newestAt = Date.UTC(2026, 10, 27, 3, 0, 0);
  const cfg = { certificates: [cert], backups: { dir: backups }, postgres: labConfigs(NAME)[0]!.postgres };

  beforeAll(async () => {
    chmodSync(root, 0o755);
    rmSync(canary, { force: true });
    mkdirSync(backups);
    writeFileSync(join(backups, 'full_backup_older.tar.gz'), 'old');
    utimesSync(join(backups, 'full_backup_older.tar.gz'), new Date(newestAt - 86_400_000), new Date(newestAt - 86_400_000));
    writeFileSync(join(backups, 'full_backup_newest.tar.gz'), 'new');
    utimesSync(join(backups, 'full_backup_newest.tar.gz'), new Date(newestAt), new Date(newestAt));
    copyFileSync(CERT_FIXTURE, cert);
    utimesSync(cert, new Date(newestAt - 2 * 86_400_000), new Date(newestAt - 2 * 86_400_000));
    hosts = await labHosts(NAME);
    host = hosts.get(NAME)!;
    lab = readLab().hosts.find((h) => h.name === NAME)!;
    port = clientPort(lab);
  });

  afterAll(async () => {
    await Promise.allSettled([...(hosts?.values() ?? [])].map((h) => h.close()));
    rmSync(root, { recursive: true, force: true });
    rmSync(canary, { force: true });
  });

  const expectFacts = (facts: Awaited<ReturnType<typeof readHostFacts>>) => {
    expect(facts.backups).toEqual({ dir: backups, newestAt, newestName: 'full_backup_newest.tar.gz', error: null });
    const want = new X509Certificate(readFileSync(CERT_FIXTURE));
    expect(facts.certificates).toEqual([{ path: cert, notAfter: Date.parse(want.validTo), subject: want.subject.replace(/\n/g, ', '), error: null }]);
    expect(existsSync(canary)).toBe(false);
  };

  it("the facts queued go out together in one exec session beside the sampler's, in the wakeup of the next sample", async () => {
    const batchQueue = new BatchedCommandQueue();
    const store = createLiveStore([{ name: NAME, tags: [], production: false, address: NAME }]);
    // A sample every 300 ms, and a wait (two intervals and the poll's bounds) far beyond the test's own time.
    const poller = resourcesPoller(host, store, 300, batchQueue);
    const signal = new AbortController().signal;
    const start = execCount(lab, port);
    await poller.run(signal); // the CPU baseline, through the sampler: its one session
    const before = execCount(lab, port);
    expect(before - start).toBe(1);

    const facts = readHostFacts(host, cfg, undefined, batchQueue);
    expect(batchQueue.pending).toBe(2); // the backups listing and the certificate, queued for the next sample
    await poller.run(signal);
    expect(batchQueue.pending).toBe(0); // taken in that sample's wakeup, into one exec of their own
    expectFacts(await facts);
    for (let i = 0; i < 2; i++) await poller.run(signal);
    expect(execCount(lab, port) - before).toBe(1);
    poller.idle!();
    expect(store.getState().hosts[NAME]!.resources.error).toBeNull();
    expect(store.getState().hosts[NAME]!.resources.data!.cpuPercent).not.toBeNull();
  });

  it('without a poll to batch (headless, a stopped poller), the facts run their own exec after a bounded wait', async () => {
    const before = execCount(lab, port);
    // Headless: nothing batches, so no wait at all — one session each.
    expectFacts(await readHostFacts(host, cfg, undefined, new BatchedCommandQueue()));
    expect(execCount(lab, port) - before).toBe(2);
    // A poller that never polls: the wait ends and the facts run themselves.
    const stopped = new BatchedCommandQueue();
    stopped.attach(300);
    expectFacts(await readHostFacts(host, cfg, undefined, stopped));
    expect(execCount(lab, port) - before).toBe(4);
  });
});

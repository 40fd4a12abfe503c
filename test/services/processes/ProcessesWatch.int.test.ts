// The processes screen's stream on a lab host (real sshd, LogLevel VERBOSE):
// nothing runs on the host until a host is watched; then one exec session
// carries every reading; when the watch ends the host's loop ends with it.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../../src/hosts/Host';
import { ProcessesWatch } from '../../../src/services/processes/ProcessesWatch';
import { readLab, type LabHost } from '../../lab/lab';
import { clientPort, execCount } from '../../lab/sshdSessions';
import { waitUntil } from '../../waitUntil';
import { labHosts } from '../docker/dockerLab';

const NAME = 'lab-2';

/** The host's processes loop, found by the marker its command line carries (the lab user's processes only). */
const loops = (): string[] =>
  execFileSync('ps', ['-u', readLab().user, '-o', 'pid=,args='], { encoding: 'utf8', maxBuffer: 64 << 20 })
    .split('\n')
    .filter((l) => l.includes('@@riskctl-processes-end') && l.includes('while :'));

describe('ProcessesWatch on a lab host', () => {
  let hosts: Map<string, Host>;
  let lab: LabHost;
  let port: string;

  beforeAll(async () => {
    hosts = await labHosts(NAME);
    lab = readLab().hosts.find((h) => h.name === NAME)!;
    port = clientPort(lab);
  });

  afterAll(async () => {
    await Promise.allSettled([...(hosts?.values() ?? [])].map((h) => h.close()));
  });

  it('reads only while watched, on one exec session, and ends the host’s loop when the watch ends', { timeout: 60_000 }, async () => {
    const watch = new ProcessesWatch(hosts, 1);
    const before = execCount(lab, port);
    expect(watch.store.getState().processes).toBeNull();

    watch.watch(NAME);
    const first = await waitUntil(() => watch.store.getState().readAt, 'a first reading', 20_000);
    await waitUntil(() => (watch.store.getState().readAt ?? 0) > first && watch.store.getState().readAt, 'a second reading', 20_000);
    const s = watch.store.getState();
    expect(s.error).toBeNull();
    expect(s.host).toBe(NAME);
    // The loop itself is one of the processes it lists, with the lab user and its command line.
    const own = s.processes!.find((p) => p.command.includes('@@riskctl-processes-end'));
    expect(own).toMatchObject({ user: readLab().user });
    expect(s.processes!.find((p) => p.pid === 1)).toBeDefined();
    expect(execCount(lab, port)).toBe(before + 1);
    expect(loops().length, loops().join('\n')).toBeGreaterThan(0);
    // The resources screen and the processes screen on one host share the stream: watching it again opens nothing.
    watch.watch(NAME);
    await waitUntil(() => (watch.store.getState().readAt ?? 0) > s.readAt! && watch.store.getState().readAt, 'a reading after watching again', 20_000);
    expect(execCount(lab, port)).toBe(before + 1);

    watch.watch(null);
    expect(watch.store.getState()).toMatchObject({ host: null, processes: null });
    await waitUntil(() => loops().length === 0, 'the host’s loop to end', 20_000);
    // Closing is the host's kill of the stream's process group: one more exec, then none.
    expect(execCount(lab, port)).toBe(before + 2);
    const closedAt = execCount(lab, port);
    // Two and a half reading intervals: a loop still running would have had two turns to start another exec.
    await new Promise((r) => setTimeout(r, 2500));
    expect(execCount(lab, port)).toBe(closedAt);
  });
});

// The processes screen's cost: riskctl watching one lab host with the
// processes screen open (its stream reads every process of the host once a
// refresh), CPU of riskctl's process tree over the window, for the goal
// against htop's idle CPU (`htop -d 20`: every process of this machine, once
// every 2 s, the same refresh). The host side — the stream's shell loop, its
// ps and cat — is measured beside it (the lab's hosts are this machine) and
// reported, not part of the goal.
import { execFileSync } from 'node:child_process';
import { treeCpuSeconds } from './proc.mjs';
import { sleep } from './term.mjs';

/** The processes streams' loops on this machine (every lab host's, by the marker in their command line): pid → ppid. */
function streamLoops() {
  const out = new Map();
  for (const l of execFileSync('ps', ['-eww', '-o', 'pid=,ppid=,args='], { encoding: 'utf8' }).split('\n')) {
    if (!l.includes('@@riskctl-processes-end') || !l.includes('while :')) continue;
    const [pid, ppid] = l.trim().split(/\s+/).map(Number);
    out.set(pid, ppid);
  }
  return out;
}

/** start(): riskctl on a one-host config (its first host: lab-1), in a terminal. */
export async function processesBench({ start, hasData, seconds }) {
  const s = start();
  try {
    await s.waitFor((t) => hasData('lab-1').test(t), 'lab-1 data');
    const loopsBefore = streamLoops();
    s.pty.write('T');
    await s.waitFor((t) => /Processes lab-1 · \d+ processes/.test(t), 'the processes screen with a reading');
    await sleep(2000);
    // The loop this cockpit started: not there before T (another run's loops are not ours); its
    // outermost process when the login shell keeps one around it (the tree below is counted).
    const fresh = [...streamLoops()].filter(([p]) => !loopsBefore.has(p));
    const roots = fresh.filter(([, ppid]) => !fresh.some(([p]) => p === ppid)).map(([p]) => p);
    if (roots.length !== 1) console.error(`bench: processes: ${roots.length} new stream loops on this machine; the host side is not measured`);
    const loop = roots.length === 1 ? roots[0] : null;
    const c0 = treeCpuSeconds(s.pty.pid);
    const h0 = loop === null ? 0 : treeCpuSeconds(loop);
    const t0 = performance.now();
    await sleep(seconds * 1000);
    const cpuSeconds = treeCpuSeconds(s.pty.pid) - c0;
    const hostCpuSeconds = loop === null ? null : treeCpuSeconds(loop) - h0;
    const wall = (performance.now() - t0) / 1000;
    return {
      cpuSeconds,
      percent: (cpuSeconds / wall) * 100,
      hostCpuPercent: hostCpuSeconds === null ? null : (hostCpuSeconds / wall) * 100,
    };
  } finally {
    await s.stop();
  }
}

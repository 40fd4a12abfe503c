// The fleet of 100: the cockpit watching 100 lab hosts on the overview, what
// it costs this machine and what it costs each watched host, and how soon all
// 100 show data against 100 parallel `ssh` commands in the same run.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { importFromSource } from './importFromSource.mjs';
import { rssMB, treeCpuSeconds } from './proc.mjs';
import { median, sleep, startInTerm } from './term.mjs';

const HOSTS = 100;
const FIRST_DATA_RUNS = 3;
const TICK = 100; // USER_HZ

/** Every process's parent, name and CPU seconds (utime + stime + cutime + cstime). */
function processTable() {
  const all = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const s = readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
      all.set(Number(d), {
        comm: s.slice(s.indexOf('(') + 1, s.lastIndexOf(')')),
        ppid: Number(f[1]),
        cpu: (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / TICK,
      });
    } catch {
      // gone meanwhile
    }
  }
  return all;
}

/** CPU seconds of root's tree: all of it, and the part below sshd's own processes (the commands riskctl runs). */
function subtreeCpu(all, root) {
  const total = { all: 0, commands: 0 };
  const stack = [[root, false]];
  while (stack.length) {
    const [pid, below] = stack.pop();
    const s = all.get(pid);
    if (!s) continue;
    const command = below || !s.comm.startsWith('sshd');
    total.all += s.cpu;
    if (command) total.commands += s.cpu;
    for (const [p, c] of all) if (c.ppid === pid) stack.push([p, command]);
  }
  return total;
}

/**
 * The sshd processes serving pid's connections to the hosts: for each host,
 * the listener's child (sshd's per-connection process) whose socket's peer
 * is one of pid's own sockets. Other clients of the shared lab are left out.
 */
function sessionRoots(pid, hosts) {
  const out = execFileSync('ss', ['-Htnp', 'state', 'established'], { encoding: 'utf8' }).split('\n');
  const all = processTable();
  const roots = [];
  for (const h of hosts) {
    const listener = Number(readFileSync(h.pidFile, 'utf8').trim());
    const mine = out.filter((l) => l.includes(` ${h.address}:${h.port} `) && l.includes(`pid=${pid},`));
    for (const line of mine) {
      const local = /\s(\S+:\d+)\s+\S+:\d+\s/.exec(line)?.[1];
      const server = out.find((l) => l.includes(` ${h.address}:${h.port} `) && l.includes(` ${local} `) && !l.includes(`pid=${pid},`));
      const pids = [...(server ?? '').matchAll(/pid=(\d+),/g)].map((m) => Number(m[1]));
      for (let p of pids) {
        // Up to the process whose parent is the listener.
        while (all.get(p) && all.get(p).ppid !== listener && all.get(p).ppid > 1) p = all.get(p).ppid;
        if (all.get(p)?.ppid === listener && !roots.includes(p)) roots.push(p);
      }
    }
  }
  return roots;
}

const remoteCpu = (roots) => {
  const all = processTable();
  const sum = { all: 0, commands: 0 };
  for (const r of roots) {
    const t = subtreeCpu(all, r);
    sum.all += t.all;
    sum.commands += t.commands;
  }
  return sum;
};

/** 100 `ssh host 'cat /proc/loadavg; df -P'` at once; ms until the last ends. */
function parallelSsh(lab, hosts) {
  const t0 = performance.now();
  return Promise.all(
    hosts.map(
      (h) =>
        new Promise((resolve, reject) => {
          const c = spawn('ssh', ['-F', lab.sshConfig, h.name, 'cat /proc/loadavg; df -P'], { stdio: ['ignore', 'ignore', 'inherit'] });
          c.on('error', reject);
          c.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`ssh ${h.name} exited ${code}`))));
        }),
    ),
  ).then(() => performance.now() - t0);
}

/** Every host's overview row showing data: connected and a percentage. */
const allWithData = (hosts) => {
  const want = new Set(hosts.map((h) => h.name));
  return (text) => {
    let n = 0;
    for (const line of text.split('\n')) {
      const m = /^\W*(?:\d+\s+)?(lab-\d+)\b.*connected.*\d+%/.exec(line);
      if (m && want.has(m[1])) n++;
    }
    return n === want.size;
  };
};

/**
 * Starts whose window is measured; the figures are their medians. One window
 * is one noisy sample: it holds whatever falls in it once — V8 compiling the
 * code as it grows hot, a collection of the memory reducer, the hosts'
 * five-minute backups check — and the same build read 2.6 % and 3.7 %.
 */
const WATCH_RUNS = 3;

/**
 * One start of the cockpit on the overview: its CPU and resident memory over
 * `seconds` from 10 s after lab-1's first data; the hosts' CPU for it over
 * `remoteSeconds` from the same moment; and `laterWindows` more windows of
 * its CPU, for how it settles.
 */
async function watchWindow({ hosts, config, env, seconds, remoteSeconds, riskctl, laterWindows }) {
  const r = riskctl(config, env);
  try {
    const ready = (t) => /lab-1\b.*connected.*\d+%/.test(t);
    await r.waitFor(ready, 'lab-1 with data', 120_000);
    // Until the hosts' connections and samplers settle.
    await sleep(10_000);
    const roots = sessionRoots(r.pty.pid, hosts);
    const c0 = treeCpuSeconds(r.pty.pid);
    const rc0 = remoteCpu(roots);
    const t0 = performance.now();
    const remote = sleep(remoteSeconds * 1000).then(() => ({ cpu: remoteCpu(roots), wall: (performance.now() - t0) / 1000 }));
    await sleep(seconds * 1000);
    const c1 = treeCpuSeconds(r.pty.pid);
    const wall = (performance.now() - t0) / 1000;
    const rss = rssMB(r.pty.pid);
    // The cockpit's CPU over the windows after it, for how it settles: V8's
    // optimizing compiler keeps compiling on its worker threads through the
    // first minutes, as the code of a sample and of a frame grows hot.
    const later = [];
    for (let w = 0, c = c1, t = performance.now(); w < laterWindows; w++) {
      await sleep(seconds * 1000);
      const cw = treeCpuSeconds(r.pty.pid);
      const tw = performance.now();
      later.push(((cw - c) / ((tw - t) / 1000)) * 100);
      c = cw;
      t = tw;
    }
    const rc1 = await remote;
    return {
      cpuPercent: ((c1 - c0) / wall) * 100,
      rssMB: rss,
      remoteCpuPercentPerHost: ((rc1.cpu.all - rc0.all) / rc1.wall / hosts.length) * 100,
      remoteCommandsCpuPercentPerHost: ((rc1.cpu.commands - rc0.commands) / rc1.wall / hosts.length) * 100,
      sessions: roots.length,
      later,
    };
  } finally {
    await r.stop();
  }
}

export async function fleet100Bench({ lab, config, env, seconds, log, riskctl }) {
  const hosts = lab.hosts.slice(0, HOSTS);
  const timing = await importFromSource(
    [
      "export { DF_PERIOD_SECONDS } from './src/services/resources/remoteResourcesCommand';",
      "export { NEVER_SEEN_ENGINE_RETRY_MS, SLOW_FACTS_INTERVAL_MS } from './src/services/refreshTiming';",
    ],
    {
      loader: { '.sh': 'text' },
    },
  );
  if (hosts.length < HOSTS) throw new Error(`the lab has ${hosts.length} hosts, the fleet section needs ${HOSTS}`);
  const load = [loadavg()[0]];

  // The hosts' CPU is read over the first start's cycle of the remote work: the
  // longest period of what riskctl runs on a watched host besides its sampler
  // (df, the backups listing, the retry of a Docker engine never seen), so
  // that the window holds each of them, not only what comes every minute.
  const cycleSeconds = Math.max(timing.DF_PERIOD_SECONDS, timing.SLOW_FACTS_INTERVAL_MS / 1000, timing.NEVER_SEEN_ENGINE_RETRY_MS / 1000);
  const laterWindows = Math.ceil(cycleSeconds / seconds) - 1;

  log(`fleet100: first data for ${HOSTS} hosts against ${HOSTS} parallel ssh, ${FIRST_DATA_RUNS} alternating runs`);
  const times = { riskctl: [], ssh: [] };
  for (let i = 0; i < FIRST_DATA_RUNS; i++) {
    times.ssh.push(await parallelSsh(lab, hosts));
    // Rows enough for every host on screen at once.
    const s = startInTerm(process.execPath, ['dist/riskctl.mjs', '--config', config], env, { cols: 120, rows: HOSTS + 12 });
    try {
      const at = await s.waitFor(allWithData(hosts), `${HOSTS} hosts with data`, 120_000);
      times.riskctl.push(at - s.t0);
    } finally {
      await s.stop();
    }
    await sleep(1000);
  }
  load.push(loadavg()[0]);

  log(`fleet100: the overview watching ${HOSTS} hosts, ${seconds} s, ${WATCH_RUNS} starts; the hosts over the first's ${cycleSeconds} s`);
  const runs = [];
  let later = [];
  for (let i = 0; i < WATCH_RUNS; i++) {
    // The first start runs on for the later windows.
    const run = await watchWindow({
      hosts,
      config,
      env,
      seconds,
      remoteSeconds: i === 0 ? cycleSeconds : seconds,
      riskctl,
      laterWindows: i === 0 ? laterWindows : 0,
    });
    runs.push(run);
    if (i === 0) later = run.later;
    await sleep(1000);
  }
  load.push(loadavg()[0]);
  const cpu = runs.map((r) => r.cpuPercent);

  const firstDataMs = median(times.riskctl);
  const sshMs = median(times.ssh);
  return {
    results: {
      hundredHostsCpuPercent: median(cpu),
      rss100HostsMB: median(runs.map((r) => r.rssMB)),
      firstDataHundredVsSshRatio: firstDataMs / sshMs,
      remoteCpuPercentPerHost: runs[0].remoteCpuPercentPerHost,
    },
    peers: {
      firstDataHundredMs: firstDataMs,
      parallelSshHundredMs: sshMs,
      sessionsWatched: Math.min(...runs.map((r) => r.sessions)),
      // The sampler and what it runs, without sshd's own processes (the channel's encryption, the session).
      remoteCommandsCpuPercentPerHost: runs[0].remoteCommandsCpuPercentPerHost,
      remoteCycleSeconds: cycleSeconds,
      loadAverage1m: load,
      // Each start's window, of which hundredHostsCpuPercent is the median.
      hundredHostsCpuPercentRuns: cpu,
      rss100HostsMBRuns: runs.map((r) => r.rssMB),
      // Each start's hosts: the first over the cycle, the others over their 60 s window.
      remoteCpuPercentPerHostRuns: runs.map((r) => r.remoteCpuPercentPerHost),
      // The first start's window, then each later window of the same length.
      hundredHostsCpuPercentByWindow: [cpu[0], ...later],
    },
  };
}

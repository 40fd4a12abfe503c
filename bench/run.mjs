// npm run bench: riskctl measured beside htop, btop and glances in one run, on
// the lab's real SSH hosts. Every figure is a ratio or a count from this same
// run (the machine is shared and noisy; absolute times mean little).
// BENCH_SECONDS shortens the 60 s windows for a quick look. BENCH_ONLY (a
// comma list of sections: firstFrame, firstData, idle, fleet, flood, soak,
// processes) runs only those and merges their figures into results.json.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { rssMB, treeCpuSeconds } from './proc.mjs';
import { median, sleep, startInTerm } from './term.mjs';
import { floodBench } from './flood.mjs';
import { READ_EVERY_MS, soakBench } from './soak.mjs';
import { processesBench } from './processes.mjs';
import { fleet100Bench } from './fleet100.mjs';

const WINDOW_S = Number(process.env.BENCH_SECONDS || 60);
const REFRESH_S = 2;
const FIRST_FRAME_RUNS = 7;
const FIRST_DATA_RUNS = 3;
const labDir = process.env.RISKCTL_LAB_DIR || '/tmp/riskctl-lab';
const log = (...a) => console.error('bench:', ...a);
const SECTIONS = ['firstFrame', 'firstData', 'idle', 'fleet', 'flood', 'soak', 'processes', 'fleet100'];
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',').map((x) => x.trim())) : null;
for (const x of ONLY ?? []) {
  if (!SECTIONS.includes(x)) {
    console.error(`bench: BENCH_ONLY: no section "${x}" (${SECTIONS.join(', ')})`);
    process.exit(2);
  }
}
const runs = (section) => ONLY === null || ONLY.has(section);

function sh(cmd, args, opts = {}) {
  return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], ...opts });
}

/** The lab's packages and the peers riskctl is measured against, installed when missing (as root on Debian). */
function ensurePackages() {
  sh('bash', ['scripts/install-lab-packages.sh', '--peers'], { stdio: ['ignore', 'inherit', 'inherit'] });
}

function writeConfig(dir, lab, n, extra = '') {
  const lines = ['hosts:'];
  for (const h of lab.hosts.slice(0, n)) {
    lines.push(
      `  - name: ${h.name}`,
      `    ssh: { host: ${h.address}, port: ${h.port}, user: ${lab.user}, identityFile: ${lab.identityFile}, knownHosts: ${lab.knownHosts} }`,
      '    health: []',
    );
    if (extra) lines.push(extra.replaceAll('\n', '\n'));
  }
  lines.push(`refresh: ${REFRESH_S}`);
  const file = join(dir, `hosts-${n}.yaml`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

const hasData = (name) => new RegExp(`\\b${name}\\b.*connected.*\\d+%`);
const riskctl = (config, env) => startInTerm(process.execPath, ['dist/riskctl.mjs', '--config', config], env);

/**
 * Spawn → first frame for riskctl and its peers, alternating run by run.
 * riskctl is started once before, unmeasured: that start writes V8's code
 * cache, which every start after it uses, as an operator's starts do after
 * their first.
 */
async function firstFrames(config, env) {
  {
    const s = riskctl(config, env);
    await s.waitFor((t) => t.includes('Overview') && t.includes('lab-1'), "riskctl's first frame (writing its code cache)", 20_000);
    await s.stop();
  }
  const peers = {
    node: () => ({ s: startInTerm(process.execPath, ['-e', 'process.stdout.write("x"); setTimeout(() => {}, 5000)']), ready: (t) => t.includes('x') }),
    riskctl: () => ({ s: riskctl(config, env), ready: (t) => t.includes('Overview') && t.includes('lab-1') }),
    htop: () => ({ s: startInTerm('htop', ['-d', '20']), ready: (t) => /Load average|Tasks:/.test(t) }),
    btop: () => ({ s: startInTerm('btop', []), ready: (t) => /cpu/i.test(t) && /proc/i.test(t) }),
    glances: () => ({ s: startInTerm('glances', ['-t', '2']), ready: (t) => /CPU/.test(t) && /MEM/.test(t) }),
  };
  const times = Object.fromEntries(Object.keys(peers).map((k) => [k, []]));
  const errors = {};
  for (let i = 0; i < FIRST_FRAME_RUNS; i++) {
    // Alternate every program run by run, so a noisy moment hits them all alike.
    for (const [name, start] of Object.entries(peers)) {
      if (errors[name]) continue;
      const { s, ready } = start();
      try {
        const at = await s.waitFor(ready, `${name}'s first frame`, 20_000);
        times[name].push(at - s.t0);
      } catch (e) {
        errors[name] = String(e.message).split('\n')[0];
      } finally {
        await s.stop();
      }
    }
  }
  const med = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, v.length ? median(v) : null]));
  return { med, errors };
}

/** Spawn → every host's row showing data, for one host and for ten, alternating; medians (one start is one noisy sample). */
async function firstData(one, ten, lab, env) {
  const times = { one: [], all: [] };
  for (let i = 0; i < FIRST_DATA_RUNS; i++) {
    for (const [key, config, n] of [
      ['one', one, 1],
      ['all', ten, 10],
    ]) {
      const s = riskctl(config, env);
      try {
        const at = await s.waitFor((t) => lab.hosts.slice(0, n).every((x) => hasData(x.name).test(t)), `${n} host(s) with data`);
        times[key].push(at - s.t0);
      } finally {
        await s.stop();
      }
    }
  }
  return { one: median(times.one), all: median(times.all) };
}

async function idleCpu(name, s, ready, seconds) {
  await s.waitFor(ready, `${name} showing data`, 30_000);
  await sleep(2000);
  const c0 = treeCpuSeconds(s.pty.pid);
  const t0 = performance.now();
  await sleep(seconds * 1000);
  const cpu = treeCpuSeconds(s.pty.pid) - c0;
  const wall = (performance.now() - t0) / 1000;
  return { cpuSeconds: cpu, percent: (cpu / wall) * 100, rssMB: rssMB(s.pty.pid) };
}

function sshConnections(pid, hosts) {
  const out = sh('ss', ['-Htnp', 'state', 'established']);
  return hosts.map((h) => out.split('\n').filter((l) => l.includes(` ${h.address}:${h.port} `) && l.includes(`pid=${pid},`)).length);
}

/** The client port of pid's connection to host h, to tell our sessions from other clients' in sshd's log. */
function clientPort(pid, h) {
  const line = sh('ss', ['-Htnp', 'state', 'established'])
    .split('\n')
    .find((l) => l.includes(` ${h.address}:${h.port} `) && l.includes(`pid=${pid},`));
  const m = line && /\s(\S+):(\d+)\s+\S+:\d+\s/.exec(line);
  if (!m) throw new Error(`no connection from pid ${pid} to ${h.name}`);
  return m[2];
}

/** Exec channels sshd started for one client connection (LogLevel VERBOSE logs each). */
const execCount = (h, port) =>
  readFileSync(h.logFile, 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('Starting session: command') && l.includes(` port ${port} `)).length;

async function main() {
  ensurePackages();
  const labSize = runs('fleet100') ? 100 : 10;
  log(`lab: ${labSize} hosts`);
  // A lease like a test run's: a lab the bench started is stopped again at the end.
  sh('bash', ['lab/lab.sh', 'acquire', String(labSize), String(process.pid)], { stdio: ['ignore', 'inherit', 'inherit'] });
  process.on('exit', () => {
    try {
      execFileSync('bash', ['lab/lab.sh', 'release', String(process.pid)], { stdio: 'ignore' });
    } catch {
      // already gone
    }
  });
  sh('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
  const lab = JSON.parse(readFileSync(join(labDir, 'lab.json'), 'utf8'));
  const dir = mkdtempSync(join(tmpdir(), 'riskctl-bench-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  const env = { HOME: dir, XDG_STATE_HOME: join(dir, 'state') };
  const one = writeConfig(dir, lab, 1);
  const ten = writeConfig(dir, lab, 10);

  let ff, fd, firstDataOne, firstDataAll, idle, e0, e1, e2, pollsInWindow, htop, glances, fleet, conns, flood, soak, soakSeconds, proc;
  if (runs('firstFrame')) {
    log('first frames');
    ff = await firstFrames(one, env);
  }

  if (runs('firstData')) {
    log('first data: one host, then ten, three times');
    fd = await firstData(one, ten, lab, env);
    firstDataOne = fd.one;
    firstDataAll = fd.all;
  }

  if (runs('idle')) {
    log(`idle: riskctl watching one host, ${WINDOW_S} s`);
    const r1 = riskctl(one, env);
    await r1.waitFor((t) => hasData('lab-1').test(t), 'lab-1 data');
    const port = clientPort(r1.pty.pid, lab.hosts[0]);
    e0 = 0;
    e1 = execCount(lab.hosts[0], port);
    idle = await idleCpu('riskctl', r1, (t) => hasData('lab-1').test(t), WINDOW_S);
    e2 = execCount(lab.hosts[0], port);
    await r1.stop();
    pollsInWindow = (WINDOW_S + 2) / REFRESH_S;
  }

  if (runs('idle') || runs('processes')) {
    log(`idle: htop -d 20, ${WINDOW_S} s`);
    const h = startInTerm('htop', ['-d', '20']);
    htop = await idleCpu('htop', h, (t) => /Load average|Tasks:/.test(t), WINDOW_S);
    await h.stop();
  }
  if (runs('idle')) {
    log(`idle: glances -t 2, ${WINDOW_S} s`);
    const g = startInTerm('glances', ['-t', '2']);
    glances = await idleCpu('glances', g, (t) => /CPU/.test(t) && /MEM/.test(t), WINDOW_S);
    await g.stop();
  }

  if (runs('fleet')) {
    log(`fleet: ten hosts, ${WINDOW_S} s`);
    const r10 = riskctl(ten, env);
    await r10.waitFor((t) => lab.hosts.slice(0, 10).every((x) => hasData(x.name).test(t)), 'all ten hosts with data');
    fleet = await idleCpu('riskctl', r10, () => true, WINDOW_S);
    conns = sshConnections(r10.pty.pid, lab.hosts.slice(0, 10));
    await r10.stop();
  }

  if (runs('flood')) {
    log('flood');
    flood = await floodBench({ lab, dir, env });
  }

  if (runs('soak')) {
    soakSeconds = WINDOW_S * 10;
    log(`soak: one busy container followed, ${soakSeconds} s`);
    soak = await soakBench({ lab, dir, env, seconds: soakSeconds, log });
  }

  if (runs('processes')) {
    log(`processes: riskctl with the processes screen open on one host, ${WINDOW_S} s`);
    proc = await processesBench({ start: () => riskctl(one, env), hasData, seconds: WINDOW_S });
  }

  let f100;
  if (runs('fleet100')) {
    f100 = await fleet100Bench({ lab, config: writeConfig(dir, lab, 100), env, seconds: WINDOW_S, log, riskctl });
  }

  // A section not run leaves its figures undefined: they are left out, and BENCH_ONLY keeps the file's.
  const measured = {
    firstFrameRatioVsNode: ff && ff.med.riskctl / ff.med.node,
    firstFrameRatioVsHtop: ff && ff.med.riskctl / ff.med.htop,
    cpuRatioVsHtop: idle && idle.cpuSeconds / htop.cpuSeconds,
    cpuRatioVsGlances: idle && idle.cpuSeconds / glances.cpuSeconds,
    tenHostsCpuPercent: fleet?.percent,
    firstDataAllVsOneRatio: fd && firstDataAll / firstDataOne,
    rss10HostsMB: fleet?.rssMB,
    logFloodRssDeltaMB: flood?.rssDeltaMB,
    soakRssDeltaMB: soak?.rssDeltaMB,
    keyLatencyP95Ms: flood?.keyLatencyP95Ms,
    sshConnectionsPerHost: conns && Math.max(...conns),
    execsPerPoll: idle && (e2 - e1) / pollsInWindow,
    processesCpuRatioVsHtop: proc && proc.cpuSeconds / htop.cpuSeconds,
    ...f100?.results,
  };
  const results = Object.fromEntries(Object.entries(measured).filter(([, v]) => v !== undefined));
  // Three decimals: a goal is checked on the unrounded figure, and the file should show the difference (0.204 is not 0.2).
  const round = (x) => (typeof x === 'number' && Number.isFinite(x) ? Math.round(x * 1000) / 1000 : x);
  let out = {
    machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', node: process.version, loadAverage: loadavg().map((x) => round(x)) },
    results: Object.fromEntries(Object.entries(results).map(([k, v]) => [k, round(v)])),
    peers: {
      node: { firstFrameMs: round(ff?.med.node) },
      riskctl: {
        firstFrameMs: round(ff?.med.riskctl),
        idleCpuPercent: round(idle?.percent),
        firstDataOneMs: round(firstDataOne),
        firstDataAllMs: round(firstDataAll),
        rss1HostMB: round(idle?.rssMB),
        execsBeforeWindow: idle && e1 - e0,
        floodLines: flood?.lines,
        floodRssSingleReadDeltaMB: round(flood?.rssSingleReadDeltaMB),
        // Resident memory through the flood, [second, MB] once a second.
        floodRssPerSecondMB: flood?.rssSamples.filter((x, k) => k % 4 === 0).map(([t, v]) => [Math.round(t), Math.round(v * 10) / 10]),
        keySamples: flood?.samples,
        soakSeconds,
        soakLines: soak?.lines,
        soakRssBaselineMB: round(soak?.rssBaselineMB),
        soakRssEndMB: round(soak?.rssEndMB),
        soakRssSingleReadDeltaMB: round(soak?.single.deltaMB),
        // Resident memory through the soak, [second, MB] every 10 s.
        soakRssEvery10sMB: soak?.samples.filter((_, k) => (k + 1) % (10_000 / READ_EVERY_MS) === 0).map(([t, v]) => [Math.round(t), v]),
        processesCpuPercent: round(proc?.percent),
        processesHostCpuPercent: round(proc?.hostCpuPercent),
        processesHtopCpuPercent: round(proc && htop.percent),
        ...Object.fromEntries(Object.entries(f100?.peers ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v.map(round) : round(v)])),
      },
      htop: { firstFrameMs: round(ff?.med.htop), idleCpuPercent: round(idle && htop.percent), rssMB: round(idle && htop.rssMB), error: ff?.errors.htop },
      btop: { firstFrameMs: round(ff?.med.btop), error: ff?.errors.btop },
      glances: { firstFrameMs: round(ff?.med.glances), idleCpuPercent: round(glances?.percent), rssMB: round(glances?.rssMB), error: ff?.errors.glances },
    },
    windowSeconds: WINDOW_S,
  };
  if (ONLY !== null && existsSync('bench/results.json')) {
    // Only some sections ran: their figures replace the file's, the rest stay as the last full run left them.
    const old = JSON.parse(readFileSync('bench/results.json', 'utf8'));
    const fresh = JSON.parse(JSON.stringify(out));
    const peers = { ...old.peers };
    for (const [k, v] of Object.entries(fresh.peers)) peers[k] = { ...old.peers?.[k], ...v };
    out = {
      ...old,
      results: { ...old.results, ...fresh.results },
      peers,
      windowsOf: { ...old.windowsOf, ...Object.fromEntries([...ONLY].map((x) => [x, WINDOW_S])) },
    };
  }
  writeFileSync('bench/results.json', `${JSON.stringify(out, null, 2)}\n`);
  const goals = {
    firstFrameRatioVsNode: ['<=', 2.5],
    firstFrameRatioVsHtop: ['<=', 1],
    cpuRatioVsHtop: ['<=', 1],
    // Idle: at or under every peer's CPU.
    cpuRatioVsGlances: ['<=', 1],
    tenHostsCpuPercent: ['<=', 3],
    firstDataAllVsOneRatio: ['<=', 2],
    rss10HostsMB: ['<=', 150],
    logFloodRssDeltaMB: ['abs<=', 20],
    soakRssDeltaMB: ['abs<=', 20],
    keyLatencyP95Ms: ['<=', 100],
    sshConnectionsPerHost: ['==', 1],
    execsPerPoll: ['<=', 1],
    processesCpuRatioVsHtop: ['<=', 1.5],
    hundredHostsCpuPercent: ['<=', 3],
    rss100HostsMB: ['<=', 150],
    firstDataHundredVsSshRatio: ['<=', 1.2],
    remoteCpuPercentPerHost: ['<=', 0.1],
  };
  const rows = Object.entries(results).map(([k]) => {
    const v = round(results[k]);
    const [op, g] = goals[k];
    const raw = results[k];
    const ok = typeof raw !== 'number' ? false : op === '<=' ? raw <= g : op === '==' ? raw === g : Math.abs(raw) <= g;
    return `| ${k} | ${v} | ${op.replace('abs<=', '±')} ${g} | ${ok ? 'met' : 'NOT met'} |`;
  });
  const peerRows = ['node', 'riskctl', 'htop', 'btop', 'glances'].map((p) => {
    const x = out.peers[p];
    return `| ${p} | ${x.firstFrameMs ?? '-'} | ${x.idleCpuPercent ?? '-'} |`;
  });
  console.log(
    [
      `machine: ${out.machine.cpus} × ${out.machine.model}, node ${out.machine.node}, load ${out.machine.loadAverage.join(' ')}; windows ${WINDOW_S} s`,
      '',
      '| key | value | goal | |',
      '|---|---|---|---|',
      ...rows,
      '',
      '| program | first frame ms (median) | idle CPU % |',
      '|---|---|---|',
      ...peerRows,
    ].join('\n'),
  );
  process.exit(0);
}

main().catch((e) => {
  console.error(`bench: ${e.stack ?? e}`);
  process.exit(1);
});

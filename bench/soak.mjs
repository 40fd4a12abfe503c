// The soak: the cockpit follows a busy container (1 000 lines/s) for minutes
// with its log ring full. Resident memory is read every 2 s; the figure is the
// median of the last minute's reads minus the median of the second minute's
// (the first minute fills the ring and grows the heap to its working size).
// Resident memory moves on a sawtooth of up to ~40 MB between V8's full
// collections, so one read lands anywhere on it; the median of a minute of
// reads does not move with when V8 last collected, while a ring or a buffer
// that grows with the lines moves every read after it (the goal: within 20 MB).
// The container is the lab's busybox running `tail -F` on a file this module
// appends to, so Docker's own log path (json-file, the logs API's multiplexed
// frames) carries every line, at a rate the bench controls.
import { execFileSync } from 'node:child_process';
import { appendFileSync, chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rssMB } from './proc.mjs';
import { median, sleep, startInTerm } from './term.mjs';

const RATE = 1000;
const BASELINE_S = 60;
/** How often the soak reads resident memory. */
export const READ_EVERY_MS = 2000;
const IMAGE = 'riskctl-lab/busybox:1';

function soakLine(i) {
  const level = i % 97 === 0 ? 'ERROR' : i % 13 === 0 ? 'WARN' : 'INFO';
  return `2026-11-27T03:00:00.${String(i % 1000).padStart(3, '0')}Z ${level} api request id=${i} path=/api/v1/risks/${i % 500} user=u${i % 37} status=200 ms=${i % 90}\n`;
}

function dockerCli(sock, args) {
  return execFileSync('docker', ['-H', `unix://${sock}`, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * seconds: the whole follow (BENCH_SECONDS × 10 in the bench: 600 by default).
 * The windows are a minute long, or a sixth of the follow when it is shorter:
 * the baseline is the second window, the end the last one. Returns the delta
 * of their medians, the single reads at their starts and ends, and every read.
 */
export async function soakBench({ lab, dir, env, seconds, rate = RATE, log = () => {} }) {
  const sock = lab.docker.socket;
  const file = join(dir, 'soak.log');
  writeFileSync(file, '', { mode: 0o644 });
  chmodSync(dir, 0o755);
  const name = `riskctl-soak-${process.pid}`;
  try {
    dockerCli(sock, ['rm', '-f', name]);
  } catch {
    // already gone
  }
  dockerCli(sock, [
    'run',
    '-d',
    '--name',
    name,
    '--network',
    'none',
    '--log-driver',
    'json-file',
    '--log-opt',
    'max-size=20m',
    '--log-opt',
    'max-file=2',
    '-v',
    `${dir}:/soak:ro`,
    IMAGE,
    'tail',
    '-n',
    '0',
    '-F',
    '/soak/soak.log',
  ]);
  const h = lab.hosts[0];
  const config = join(dir, 'soak.yaml');
  writeFileSync(
    config,
    `hosts:\n  - name: ${h.name}\n    ssh: { host: ${h.address}, port: ${h.port}, user: ${lab.user}, identityFile: ${lab.identityFile}, knownHosts: ${lab.knownHosts} }\n    docker: { socket: ${sock} }\n    logs: []\n    health: []\nrefresh: 2\n`,
  );
  const s = startInTerm(process.execPath, ['dist/riskctl.mjs', '--config', config], env);
  let stop = false;
  let i = 1;
  try {
    await s.waitFor((t) => t.includes('Overview') && /lab-1.*\d+%/.test(t), 'overview with data');
    // The container writes from now on; the follow starts with Docker's last 1 000 lines, and its ring is full 10 s later.
    const writer = (async () => {
      const started = performance.now();
      while (!stop) {
        const due = Math.floor(((performance.now() - started) / 1000) * rate);
        let chunk = '';
        for (; i <= due; i++) chunk += soakLine(i);
        if (chunk) appendFileSync(file, chunk);
        await sleep(20);
      }
    })();
    s.pty.write('l');
    const following = (t) => /FOLLOWING/.test(t) && t.split('\n')[0].includes(name);
    for (let attempt = 0; !following(s.text()); attempt++) {
      if (attempt === 5) throw new Error(`could not open the soak container's logs:\n${s.text()}`);
      await s.waitFor((t) => t.includes(name) && !/FOLLOWING|PAUSED/.test(t), 'the logs picker listing the soak container');
      // The picker's rows, one per source (KIND column first, "›" before the selected one): to the top, then down to the soak container's row.
      const rows = s
        .text()
        .split('\n')
        .filter((l) => /^\s*(›\s*)?(container|file)\s/.test(l));
      const index = rows.findIndex((l) => l.includes(name));
      s.pty.write('g');
      await sleep(300);
      for (let k = 0; k < index; k++) {
        s.pty.write('j');
        await sleep(300);
      }
      s.pty.write('\r');
      await s.waitFor((t) => /FOLLOWING|PAUSED/.test(t), 'a source opened', 10_000).catch(() => {});
      if (!following(s.text())) {
        s.pty.write('\x1b');
        await sleep(1000);
      }
    }
    const t0 = performance.now();
    const windowS = Math.min(BASELINE_S, seconds / 6);
    const samples = [];
    let logged = 0;
    while (performance.now() - t0 < seconds * 1000) {
      await sleep(READ_EVERY_MS);
      if (s.exited) throw new Error('riskctl exited during the soak');
      const at = (performance.now() - t0) / 1000;
      const mb = rssMB(s.pty.pid);
      samples.push([Math.round(at * 10) / 10, Math.round(mb * 10) / 10]);
      if (at - logged >= 10) {
        logged = at;
        log(`soak ${Math.round(at)} s: ${mb.toFixed(1)} MB, ${i - 1} lines`);
      }
    }
    if (!/FOLLOWING/.test(s.text())) throw new Error(`the soak's follow stopped:\n${s.text()}`);
    stop = true;
    await writer;
    const within = (from, to) => samples.filter(([t]) => t >= from && t < to).map(([, mb]) => mb);
    const baseline = within(windowS, 2 * windowS);
    const end = within(seconds - windowS, Infinity);
    const rss0 = median(baseline);
    const rss1 = median(end);
    const single = { baselineMB: baseline[0], endMB: end.at(-1), deltaMB: end.at(-1) - baseline[0] };
    return { rssDeltaMB: rss1 - rss0, rssBaselineMB: rss0, rssEndMB: rss1, single, lines: i - 1, samples };
  } finally {
    stop = true;
    await s.stop();
    try {
      dockerCli(sock, ['rm', '-f', name]);
    } catch {
      // already gone
    }
  }
}

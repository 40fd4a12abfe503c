// The log flood: one host's log file receives 10 000 lines/s for 30 s while
// the cockpit follows it. Memory must stay flat (every buffer is bounded) and
// keys must still answer at once.
//
// Resident memory is read every 250 ms from the flood's start. The figure is
// the median of the window's last third minus the median of its middle third:
// in the first third the heap grows to the size the flood's garbage needs
// (V8 doubles its young generation, the old generation fills up to its first
// full collection), and after it a single read lands anywhere on a sawtooth
// of 10–15 MB between full collections. The single reads (at the end, minus
// after a 5 s warm-up) are kept beside it.
import { appendFileSync, chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rssMB } from './proc.mjs';
import { median, percentile, sleep, startInTerm } from './term.mjs';

const RATE = 10_000;
const SECONDS = Number(process.env.BENCH_FLOOD_SECONDS || 30);
const WARMUP_S = 5;
const RSS_EVERY_MS = 250;

function floodLine(i) {
  const level = i % 97 === 0 ? 'ERROR' : i % 13 === 0 ? 'WARN' : 'INFO';
  return `2026-11-27T03:00:00.${String(i % 1000).padStart(3, '0')}Z ${level} api request id=${i} path=/api/v1/risks/${i % 500} status=200 ms=${i % 90}\n`;
}

export async function floodBench({ lab, dir, env }) {
  const file = join(dir, 'flood.log');
  writeFileSync(file, floodLine(0), { mode: 0o644 });
  // The lab's login user tails it over SSH: the bench's folder must be readable.
  chmodSync(dir, 0o755);
  const h = lab.hosts[0];
  const config = join(dir, 'flood.yaml');
  writeFileSync(
    config,
    `hosts:\n  - name: ${h.name}\n    ssh: { host: ${h.address}, port: ${h.port}, user: ${lab.user}, identityFile: ${lab.identityFile}, knownHosts: ${lab.knownHosts} }\n    logs: [${file}]\n    health: []\nrefresh: 2\n`,
  );
  const s = startInTerm(process.execPath, ['dist/riskctl.mjs', '--config', config], env);
  await s.waitFor((t) => t.includes('Overview') && /lab-1.*\d+%/.test(t), 'overview with data');
  s.pty.write('l');
  await s.waitFor((t) => t.includes('flood.log'), 'the logs picker listing the file');
  // Pick the file (the picker lists containers first; this host has no Docker).
  for (let i = 0; i < 20 && !/FOLLOWING/.test(s.text()); i++) {
    s.pty.write('\r');
    await sleep(300);
    if (!/FOLLOWING/.test(s.text())) {
      s.pty.write('\x1b');
      await sleep(200);
      s.pty.write('j');
      await sleep(200);
    }
  }
  await s.waitFor((t) => /FOLLOWING/.test(t), 'following the file');

  let i = 1;
  let stop = false;
  const writer = (async () => {
    const started = performance.now();
    while (!stop && performance.now() - started < SECONDS * 1000) {
      const due = Math.floor(((performance.now() - started) / 1000) * RATE);
      let chunk = '';
      for (; i <= due; i++) chunk += floodLine(i);
      if (chunk) appendFileSync(file, chunk);
      await sleep(20);
    }
  })();

  // Resident memory every RSS_EVERY_MS from the flood's start, [seconds, MB].
  const rssSamples = [];
  const floodStart = performance.now();
  const sampler = (async () => {
    while (!stop) {
      rssSamples.push([(performance.now() - floodStart) / 1000, rssMB(s.pty.pid)]);
      await sleep(RSS_EVERY_MS);
    }
  })();
  await sleep(WARMUP_S * 1000);
  const rss0 = rssMB(s.pty.pid);
  const samples = [];
  const deadline = performance.now() + (SECONDS - WARMUP_S - 2) * 1000;
  for (let k = 0; performance.now() < deadline || samples.length < 20; k++) {
    const [key, marker] = k % 2 === 0 ? [' ', 'PAUSED'] : ['f', 'FOLLOWING'];
    const t0 = performance.now();
    s.pty.write(key);
    const at = await s.waitFor((t) => t.includes(marker), `screen after ${JSON.stringify(key)}`, 5000);
    samples.push(at - t0);
    await sleep(250);
  }
  await writer;
  const rss1 = rssMB(s.pty.pid);
  stop = true;
  await sampler;
  await s.stop();
  const third = (k) => median(rssSamples.filter(([t]) => t >= (k * SECONDS) / 3 && t < ((k + 1) * SECONDS) / 3).map(([, v]) => v));
  return {
    rssDeltaMB: third(2) - third(1),
    rssSingleReadDeltaMB: rss1 - rss0,
    rssSamples,
    keyLatencyP95Ms: percentile(samples, 95),
    lines: i - 1,
    samples: samples.length,
  };
}

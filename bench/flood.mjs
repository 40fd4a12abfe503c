// The log flood: one host's log file receives 10 000 lines/s for 30 s while
// the cockpit follows it. Memory must stay flat (every buffer is bounded) and
// keys must still answer at once.
import { appendFileSync, chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rssMB } from './proc.mjs';
import { percentile, sleep, startInTerm } from './term.mjs';

const RATE = 10_000;
const SECONDS = Number(process.env.BENCH_FLOOD_SECONDS || 30);
const WARMUP_S = 5;

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
  stop = true;
  const rss1 = rssMB(s.pty.pid);
  await s.stop();
  return { rssDeltaMB: rss1 - rss0, keyLatencyP95Ms: percentile(samples, 95), lines: i - 1, samples: samples.length };
}

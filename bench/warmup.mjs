// node bench/warmup.mjs: what a round of the 100-host overview costs while V8
// makes its code hot, and once it is — no lab, no SSH. Each round parses one
// real sample of this machine (the sampler, src/services/resources/sampler.sh,
// run once under bash) for each of 100 hosts, stores it, and lets Ink draw the
// overview (120×32) into a sink. It prints the process's CPU (all threads, so
// the optimizing compiler's too) per sample and per frame, over the first 30
// rounds (the first minute at a 2 s refresh, the window of
// hundredHostsCpuPercent) and after round 100. Not part of `npm run bench`:
// a tool for changes to the per-sample and per-frame code (bench/README.md).
import { execFileSync } from 'node:child_process';
import { Writable } from 'node:stream';
import { importFromSource } from './importFromSource.mjs';

// Colour on, as in a terminal (chalk reads this when the bundle loads): colours are part of a frame's cost.
process.env.FORCE_COLOR ??= '3';

const HOSTS = 100;
const ROUNDS = Number(process.env.ROUNDS || 200);

const m = await importFromSource(
  [
    "export { splitSections } from './src/services/resources/sections';",
    "export { parseResourcesSections, steadyParsers } from './src/services/resources/parseResourcesBatch';",
    "export { createLiveStore, setHostStatus, setResources, flushLiveStore } from './src/services/liveStore';",
    "export { DEFAULT_THRESHOLDS } from './src/screens/format';",
    "export { OverviewScreen } from './src/screens/OverviewScreen';",
    "export { render } from 'ink';",
    "export { createElement } from 'react';",
  ],
  {
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    // Ink loads React DevTools only under DEV=true (as scripts/build.mjs).
    external: ['./devtools.js'],
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  },
);

// Two samples of this machine: the first brings the steady sections (hostname, mounts, df…), the second is a usual one.
const raw = execFileSync('bash', ['src/services/resources/sampler.sh'], { input: 'w0 2 0 100\n', encoding: 'utf8' });
const [firstBody, usualBody] = raw.split(/@@riskctl-sample:w0\d@@\n/);
const steady = m.splitSections(firstBody);
/** The usual sample with the CPU counters moved on by `round`: figures change every round, as on a live host. */
const sampleOf = (round) => usualBody.replace(/^(cpu\S*\s+)(\d+)/gm, (_, head, user) => head + String(Number(user) + round * 150));

const hosts = Array.from({ length: HOSTS }, (_, i) => ({ name: `lab-${i + 1}`, parsers: m.steadyParsers(), prev: null, prevIo: null }));
const store = m.createLiveStore(
  hosts.map((h, i) => ({ name: h.name, tags: i % 10 === 0 ? ['production'] : [], production: i % 10 === 0, address: `ops@10.0.1.${i + 1}:22` })),
  { batchMs: 100 },
);
for (const h of hosts) m.setHostStatus(store, h.name, { state: 'connected', error: null, since: Date.now() });
m.flushLiveStore(store);

const sink = Object.assign(new Writable({ write: (_c, _e, cb) => cb() }), { columns: 120, rows: 32, isTTY: true });
const ctx = { now: Date.now(), refreshMs: 2000, thresholds: m.DEFAULT_THRESHOLDS };
const ink = m.render(m.createElement(m.OverviewScreen, { store, selected: 'lab-1', filter: '', ctx, height: 30, width: 120, color: true }), {
  stdout: sink,
  patchConsole: false,
  maxFps: 30,
  exitOnCtrlC: false,
});
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const sampleMs = [];
const frameMs = [];
for (let r = 0; r < ROUNDS; r++) {
  const body = sampleOf(r % 8);
  const t0 = cpu();
  for (const h of hosts) {
    // Each host's own copy of the text, as each sample arrives as its own string.
    const sec = m.splitSections((' ' + body).slice(1));
    for (const [k, v] of steady) if (!sec.has(k)) sec.set(k, v);
    const res = m.parseResourcesSections(sec, { prev: h.prev, prevIo: h.prevIo, fallbackHostname: h.name, parsers: h.parsers });
    h.prev = res.cpuSample ?? h.prev;
    h.prevIo = res.ioSample ?? h.prevIo;
    m.setResources(store, h.name, res.snapshot);
  }
  const t1 = cpu();
  m.flushLiveStore(store);
  // Past Ink's 30 fps throttle: this round's frame is drawn before the next round.
  await new Promise((resolve) => setTimeout(resolve, 40));
  sampleMs.push(t1 - t0);
  frameMs.push(cpu() - t1);
}
ink.unmount();

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const cold = (xs) => mean(xs.slice(0, 30));
const hot = (xs) => mean(xs.slice(100));
console.log(`rounds 1-30 (the first minute at 2 s): ${((cold(sampleMs) / HOSTS) * 1000).toFixed(0)} us a sample, ${cold(frameMs).toFixed(1)} ms a frame`);
console.log(`rounds 101-${ROUNDS}: ${((hot(sampleMs) / HOSTS) * 1000).toFixed(0)} us a sample, ${hot(frameMs).toFixed(1)} ms a frame`);
process.exit(0);
